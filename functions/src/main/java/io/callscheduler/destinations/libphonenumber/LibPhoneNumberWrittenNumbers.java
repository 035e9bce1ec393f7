package io.callscheduler.destinations.libphonenumber;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.callscheduler.destinations.WrittenNumbers;

import java.util.Locale;

/** Google's libphonenumber's reading of written numbers: parse with a default region, then isValidNumber. */
public final class LibPhoneNumberWrittenNumbers implements WrittenNumbers {
    private final PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();

    @Override
    public Reading read(String written, String defaultRegion) {
        String region = defaultRegion == null ? null : defaultRegion.strip().toUpperCase(Locale.ROOT);
        PhoneNumber number;
        try {
            number = numbers.parse(written, region);
        } catch (NumberParseException e) {
            return Reading.problem(switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE -> region == null && !written.strip().startsWith("+")
                        ? "is written without its country code: write it as +, country code, number, or give"
                        + " defaultRegion with the upload (such as US) to read national numbers"
                        : "starts with no country calling code";
                case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> "is too short to be a phone number";
                case TOO_LONG -> "is too long to be a phone number";
                case NOT_A_NUMBER -> "is not a phone number";
            });
        }
        if (!numbers.isValidNumber(number)) {
            String where = numbers.getRegionCodeForCountryCode(number.getCountryCode());
            return Reading.problem("is not a valid number of +" + number.getCountryCode()
                    + ("ZZ".equals(where) ? "" : " (" + where + ")")
                    + ": no such number is assigned, or it has a digit too many or too few");
        }
        return Reading.of(numbers.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    }

    @Override
    public boolean isRegion(String region) {
        return region != null && numbers.getSupportedRegions().contains(region.strip().toUpperCase(Locale.ROOT));
    }
}
