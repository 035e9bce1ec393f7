package io.callscheduler.domain.campaigns;

import io.callscheduler.callinghours.CalleeZones;
import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.campaigns.contacts.NumberLookup;
import io.callscheduler.destinations.DestinationGuard;
import io.callscheduler.destinations.libphonenumber.LibPhoneNumberCallingCodes;
import io.callscheduler.destinations.libphonenumber.LibPhoneNumberWrittenNumbers;
import io.callscheduler.domain.CallingHours;
import io.callscheduler.model.ContactUploadRecord;
import io.callscheduler.store.ContactUploadStore;
import io.callscheduler.store.dynamodb.DynamoDbContactUploadStore;
import io.callscheduler.testing.AppUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Which reads an upload's check makes of the campaign's numbers, on DynamoDB Local. */
class ContactUploadReadsTest {
    @RegisterExtension
    static final AppUnderTest app = new AppUnderTest();

    /** The sizes of the sets of numbers asked of the campaign. */
    private final List<Integer> asked = new CopyOnWriteArrayList<>();

    private ContactUploads uploads() {
        ContactUploadStore real = new DynamoDbContactUploadStore(app.aws.dynamoDb(), app.table);
        ContactUploadStore recording = new ContactUploadStore() {
            @Override
            public Set<String> numbersIn(String campaignId, Set<String> numbers) {
                asked.add(numbers.size());
                return real.numbersIn(campaignId, numbers);
            }

            @Override
            public Optional<ContactUploadRecord> findUpload(String campaignId, String key, Instant now) {
                return real.findUpload(campaignId, key, now);
            }

            @Override
            public boolean saveUpload(ContactUploadRecord record, Instant now) {
                return real.saveUpload(record, now);
            }
        };
        return new ContactUploads(app.services().campaigns().service(), recording, new LibPhoneNumberWrittenNumbers(),
                new DestinationGuard(Set.of(), 0, LibPhoneNumberCallingCodes::new),
                new CallingHours(CallingWindow.ANY, () -> CalleeZones.UNKNOWN), NumberLookup.NONE, Clock.systemUTC());
    }

    private static byte[] file(String... numbers) {
        return ("phoneNumber\n" + String.join("\n", numbers) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCampaignWithNoContactsIsNotAskedForTheFilesNumbersAndOneWithSomeIs() {
        String id = app.services().campaigns().service().create(new NewCampaignRequest("Reads", null, null, null, null,
                null, null, null, null, null, null, null, null, null)).id();
        ContactUploads uploads = uploads();

        var first = uploads.upload(new ContactUploads.Upload(id, file("+14155550101", "+14155550102"), false, null, null));
        assertThat(first.answer().imported()).isEqualTo(2);
        assertThat(asked).as("an empty campaign has no numbers to find").isEmpty();

        var second = uploads.upload(new ContactUploads.Upload(id, file("+14155550102", "+14155550103"), false, null, null));
        assertThat(asked).containsExactly(2);
        assertThat(second.answer().imported()).isEqualTo(1);
        assertThat(second.answer().rejects()).extracting(r -> r.code().name()).containsExactly("DUPLICATE_IN_CAMPAIGN");
    }
}
