package io.callscheduler.callinghours.libphonenumber;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.callscheduler.callinghours.CalleeZones;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Google's libphonenumber time-zone mapper: the zones a number's prefix covers (+1 212 → New York; a US
 * toll-free number → every US zone). Loaded only by the functions that infer a callee's zone (create and
 * reschedule), as its data costs the cold start.
 */
public final class LibPhoneNumberCalleeZones implements CalleeZones {
    private static final String UNKNOWN_ZONE = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();

    @Override
    public List<ZoneId> zonesOf(String e164) {
        try {
            var number = PhoneNumberUtil.getInstance().parse(e164, null);
            List<ZoneId> zones = new ArrayList<>();
            for (String id : PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(number)) {
                if (!id.equals(UNKNOWN_ZONE)) {
                    try {
                        zones.add(ZoneId.of(id));
                    } catch (DateTimeException unknownToJava) {
                        // a zone name the JDK does not know: skip it rather than guess
                    }
                }
            }
            return List.copyOf(zones);
        } catch (NumberParseException e) {
            return List.of();
        }
    }
}
