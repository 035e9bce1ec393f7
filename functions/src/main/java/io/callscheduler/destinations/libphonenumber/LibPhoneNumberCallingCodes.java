package io.callscheduler.destinations.libphonenumber;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.callscheduler.destinations.CallingCodes;

import java.util.Set;

/** Google's libphonenumber's list of calling codes (its country-code map; no per-region metadata is loaded). */
public final class LibPhoneNumberCallingCodes implements CallingCodes {
    private final Set<Integer> codes = Set.copyOf(PhoneNumberUtil.getInstance().getSupportedCallingCodes());

    @Override
    public Set<Integer> all() {
        return codes;
    }
}
