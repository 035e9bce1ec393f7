package io.callscheduler.destinations.libphonenumber;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.callscheduler.destinations.NumberPlan;
import io.callscheduler.destinations.NumberReading;
import io.callscheduler.destinations.NumberReading.Flaw;
import io.callscheduler.destinations.NumberType;

import java.util.Set;

/**
 * Google's libphonenumber's plans: isPossibleNumberWithReason for a length, isValidNumber for an assigned range,
 * getNumberType for the type. Each region's metadata is loaded when a number of it is first read.
 *
 * <p>One range is typed here rather than by the library: the NANP's 976 exchange (+1 NPA 976 xxxx), the local
 * pay-per-call prefix before 900, which libphonenumber reads as an ordinary line. It is read as premium rate.
 */
public final class LibPhoneNumberPlan implements NumberPlan {
    private final PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();
    private final Set<Integer> networks = Set.copyOf(numbers.getSupportedGlobalNetworkCallingCodes());

    @Override
    public NumberReading read(String e164) {
        PhoneNumber number;
        try {
            number = numbers.parse(e164, null);
        } catch (NumberParseException e) {
            return NumberReading.invalid(-1, false, switch (e.getErrorType()) {
                case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> Flaw.TOO_SHORT;
                case TOO_LONG -> Flaw.TOO_LONG;
                case INVALID_COUNTRY_CODE -> Flaw.NO_SUCH_CALLING_CODE;
                case NOT_A_NUMBER -> Flaw.UNASSIGNED;
            });
        }
        int code = number.getCountryCode();
        boolean network = networks.contains(code);
        Flaw flaw = switch (numbers.isPossibleNumberWithReason(number)) {
            case IS_POSSIBLE -> numbers.isValidNumber(number) ? null : Flaw.UNASSIGNED;
            case IS_POSSIBLE_LOCAL_ONLY -> Flaw.LOCAL_ONLY;
            case INVALID_COUNTRY_CODE -> Flaw.NO_SUCH_CALLING_CODE;
            case TOO_SHORT -> Flaw.TOO_SHORT;
            case TOO_LONG -> Flaw.TOO_LONG;
            case INVALID_LENGTH -> Flaw.NO_SUCH_LENGTH;
        };
        if (flaw != null) {
            return NumberReading.invalid(flaw == Flaw.NO_SUCH_CALLING_CODE ? -1 : code, network, flaw);
        }
        if (!numbers.format(number, PhoneNumberUtil.PhoneNumberFormat.E164).equals(e164)) {
            return NumberReading.invalid(code, network, Flaw.NOT_CANONICAL);
        }
        NumberType type = typeOf(number);
        return type == null ? NumberReading.invalid(code, network, Flaw.UNASSIGNED) : NumberReading.valid(code, network, type);
    }

    private NumberType typeOf(PhoneNumber number) {
        if (number.getCountryCode() == 1 && String.valueOf(number.getNationalNumber()).startsWith("976", 3)) {
            return NumberType.PREMIUM_RATE;
        }
        PhoneNumberType type = numbers.getNumberType(number);
        return switch (type) {
            case FIXED_LINE -> NumberType.FIXED_LINE;
            case MOBILE -> NumberType.MOBILE;
            case FIXED_LINE_OR_MOBILE -> NumberType.FIXED_LINE_OR_MOBILE;
            case TOLL_FREE -> NumberType.TOLL_FREE;
            case PREMIUM_RATE -> NumberType.PREMIUM_RATE;
            case SHARED_COST -> NumberType.SHARED_COST;
            case VOIP -> NumberType.VOIP;
            case PERSONAL_NUMBER -> NumberType.PERSONAL_NUMBER;
            case PAGER -> NumberType.PAGER;
            case UAN -> NumberType.UAN;
            case VOICEMAIL -> NumberType.VOICEMAIL;
            default -> null; // UNKNOWN, or a type a later release adds: refused as not in the plan
        };
    }
}
