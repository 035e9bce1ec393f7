package io.callscheduler.localcloud.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.callscheduler.localcloud.testing.BrowserExtension;
import io.callscheduler.localcloud.testing.DeployedApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.callscheduler.localcloud.testing.Accessibility.assertNoSeriousA11yViolations;

/**
 * The schedule form's "Repeat" choice and the Series view on a local cloud: the rule built from the choice, a rule told
 * in words and read back, the next calls' UTC offsets across a daylight-saving change (the pure modules, in the page),
 * then a weekday series created from the form with its next calls shown before saving, seen in the Series view, paused,
 * resumed and deleted, edited, and a bad custom rule refused next to its field, all against the local cloud's API. Every
 * date is derived from now.
 */
@Execution(ExecutionMode.SAME_THREAD) // one browser, driven from one thread
class SeriesBrowserTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension(Map.of());

    private static Page open(String route) {
        Page page = browser.parisPage();
        page.navigate(browser.app().cloud.webUrl() + route);
        return page;
    }

    /** Calls an export of a page module with JSON arguments and answers its result as JSON. */
    private static JsonNode call(Page page, String module, String function, Object... arguments) {
        try {
            String args = DeployedApp.JSON.writeValueAsString(List.of(arguments));
            Object json = page.evaluate("async ([module, fn, args]) => { const m = await import(module);"
                    + " try { return JSON.stringify(m[fn](...JSON.parse(args))); } catch (e) { return JSON.stringify({ thrown: e.message, field: e.field }); } }",
                    List.of(module, function, args));
            return DeployedApp.JSON.readTree((String) json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String RULE = "./js/views/series/rule.js";

    @Test
    void eachRepeatChoiceIsBuiltIntoAnRruleWithItsEnd() {
        Page page = open("");
        String date = LocalDate.now(NEW_YORK).plusDays(3).toString();
        JsonNode weekdays = call(page, RULE, "seriesFields", Map.of("repeat", "weekdays", "date", date, "time", "09:30",
                "end", "count", "count", "10"));
        org.assertj.core.api.Assertions.assertThat(weekdays.path("rrule").asText()).isEqualTo("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=30");
        org.assertj.core.api.Assertions.assertThat(weekdays.path("startAt").asText()).isEqualTo(date + "T09:30");
        org.assertj.core.api.Assertions.assertThat(weekdays.path("count").asInt()).isEqualTo(10);

        String last = LocalDate.now(NEW_YORK).plusDays(40).toString();
        JsonNode weekly = call(page, RULE, "seriesFields", Map.of("repeat", "weekly", "date", date, "time", "18:05",
                "days", List.of("TH", "MO"), "end", "until", "untilDate", last));
        org.assertj.core.api.Assertions.assertThat(weekly.path("rrule").asText()).isEqualTo("FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=18;BYMINUTE=5");
        org.assertj.core.api.Assertions.assertThat(weekly.path("until").asText()).as("the whole last day").isEqualTo(last + "T23:59:59");
        org.assertj.core.api.Assertions.assertThat(weekly.has("count")).isFalse();

        org.assertj.core.api.Assertions.assertThat(call(page, RULE, "seriesFields", Map.of("repeat", "daily", "date", date, "time", "07:00"))
                .path("rrule").asText()).isEqualTo("FREQ=DAILY;BYHOUR=7;BYMINUTE=0");
        org.assertj.core.api.Assertions.assertThat(call(page, RULE, "seriesFields", Map.of("repeat", "monthly", "date", date, "time", "07:00"))
                .path("rrule").asText()).isEqualTo("FREQ=MONTHLY;BYMONTHDAY=" + Integer.parseInt(date.substring(8)) + ";BYHOUR=7;BYMINUTE=0");
        org.assertj.core.api.Assertions.assertThat(call(page, RULE, "seriesFields", Map.of("repeat", "custom", "date", date, "time", "07:00",
                "custom", " RRULE:FREQ=YEARLY;BYMONTH=3 ")).path("rrule").asText()).isEqualTo("FREQ=YEARLY;BYMONTH=3");
        org.assertj.core.api.Assertions.assertThat(call(page, RULE, "seriesFields", Map.of("repeat", "none", "date", date, "time", "07:00")).isNull()).isTrue();

        // What the page refuses before asking, naming the field to fix.
        org.assertj.core.api.Assertions.assertThat(call(page, RULE, "seriesFields", Map.of("repeat", "weekly", "date", date, "time", "09:00",
                "days", List.of())).path("field").asText()).isEqualTo("repeatDays");
        org.assertj.core.api.Assertions.assertThat(call(page, RULE, "seriesFields", Map.of("repeat", "daily", "date", date, "time", "09:00",
                "end", "count", "count", "0")).path("field").asText()).isEqualTo("count");
        org.assertj.core.api.Assertions.assertThat(call(page, RULE, "seriesFields", Map.of("repeat", "daily", "date", date, "time", "09:00",
                "end", "until", "untilDate", LocalDate.parse(date).minusDays(1).toString())).path("field").asText()).isEqualTo("until");
        org.assertj.core.api.Assertions.assertThat(call(page, RULE, "seriesFields", Map.of("repeat", "custom", "date", date, "time", "09:00",
                "custom", "  ")).path("field").asText()).isEqualTo("rrule");
    }

    @Test
    void aRuleIsToldInWordsAndReadBackAsTheChoiceThatMadeIt() {
        Page page = open("");
        Map<String, String> words = Map.of(
                "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=30", "every weekday at 09:30",
                "FREQ=WEEKLY;BYDAY=TH,MO;BYHOUR=18;BYMINUTE=0", "every Monday and Thursday at 18:00",
                "FREQ=MONTHLY;BYMONTHDAY=22;BYHOUR=9;BYMINUTE=30", "monthly on the 22nd at 09:30",
                "FREQ=DAILY;BYHOUR=17,9;BYMINUTE=0", "every day at 09:00 and 17:00",
                "FREQ=DAILY;INTERVAL=2;BYHOUR=8;BYMINUTE=0", "every 2 days at 08:00",
                "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1", "by the rule FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1");
        String someMorning = LocalDate.now(NEW_YORK).plusDays(3) + "T08:00";
        words.forEach((rule, expected) -> org.assertj.core.api.Assertions.assertThat(call(page, RULE, "ruleInWords", rule, someMorning).asText())
                .as(rule).isEqualTo(expected));

        String start = LocalDate.now(NEW_YORK).plusDays(3) + "T09:30:00";
        JsonNode weekly = call(page, RULE, "choiceOf", Map.of("rrule", "FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9;BYMINUTE=30", "startAt", start, "count", 5));
        org.assertj.core.api.Assertions.assertThat(weekly.path("repeat").asText()).isEqualTo("weekly");
        org.assertj.core.api.Assertions.assertThat(weekly.path("days").toString()).isEqualTo("[\"MO\",\"WE\"]");
        org.assertj.core.api.Assertions.assertThat(weekly.path("time").asText()).isEqualTo("09:30");
        org.assertj.core.api.Assertions.assertThat(weekly.path("end").asText() + weekly.path("count").asText()).isEqualTo("count5");
        org.assertj.core.api.Assertions.assertThat(call(page, RULE, "choiceOf", Map.of("rrule", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=30",
                "startAt", start)).path("repeat").asText()).isEqualTo("weekdays");
        org.assertj.core.api.Assertions.assertThat(call(page, RULE, "choiceOf", Map.of("rrule", "FREQ=DAILY;BYHOUR=9,17;BYMINUTE=30",
                "startAt", start)).path("repeat").asText()).as("two times a day: only a custom rule says it").isEqualTo("custom");
    }

    /** The spring change in New York next year: the offset's change is marked, and 02:30 (skipped that day) dials at 03:30. */
    @Test
    void theNextCallsShowTheOffsetChangingAcrossDaylightSaving() {
        Page page = open("");
        LocalDate change = LocalDate.now(NEW_YORK).plusYears(1).withMonth(3).with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.SUNDAY));
        List<Map<String, String>> occurrences = List.of(
                occurrence(change.minusDays(1).atTime(2, 30)), occurrence(change.atTime(2, 30)), occurrence(change.plusDays(1).atTime(2, 30)));
        JsonNode rows = call(page, RULE, "occurrenceRows", occurrences, NEW_YORK.getId());
        org.assertj.core.api.Assertions.assertThat(rows.findValuesAsText("offset")).containsExactly("UTC−05:00", "UTC−04:00", "UTC−04:00");
        org.assertj.core.api.Assertions.assertThat(rows.findValues("offsetChanged").stream().map(JsonNode::asBoolean)).containsExactly(false, true, false);
        org.assertj.core.api.Assertions.assertThat(rows.findValues("moved").stream().map(JsonNode::asBoolean)).containsExactly(false, true, false);
        org.assertj.core.api.Assertions.assertThat(rows.get(1).path("when").asText()).endsWith("03:30");
    }

    /** As the API answers an occurrence: its local date-time, the instant it dials (the gap's time moved on) and the offset. */
    private static Map<String, String> occurrence(LocalDateTime local) {
        ZonedDateTime at = local.atZone(NEW_YORK); // java.time moves a time in the gap on by the gap, as RFC 5545 does
        return Map.of("occurrence", local.toString(), "at", at.toInstant().toString(),
                "utcOffset", at.getOffset().equals(ZoneOffset.UTC) ? "Z" : at.getOffset().getId());
    }

    /** A page with the form filled for a call to New York, its first call the day after tomorrow there at `time`. */
    private static Page formFor(String phoneNumber, String time) {
        Page page = browser.parisPage();
        page.navigate(browser.app().cloud.webUrl().toString());
        Locator form = page.locator("call-form");
        form.getByLabel("Phone number").fill(phoneNumber);
        page.locator("#new-zone").selectOption(NEW_YORK.getId());
        page.locator("#new-date").fill(LocalDate.now(NEW_YORK).plusDays(2).toString());
        form.getByLabel("Time, in New York time").fill(time);
        return page;
    }

    private static Locator button(Locator within, String name) {
        return within.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void aWeekdaySeriesIsCreatedWithItsNextCallsShownFirstThenPausedResumedAndDeleted() {
        Page page = formFor("+14155550961", "09:30");
        Locator form = page.locator("call-form");
        page.locator("call-form").getByLabel("Contact name (optional)").fill("Mum");
        form.getByLabel("Repeat", new Locator.GetByLabelOptions().setExact(true)).selectOption("weekdays");
        assertThat(button(form, "Call now")).isHidden(); // a series is never "now"

        // The next calls, before saving: ten weekdays at 09:30 New York time, each with its offset from UTC.
        Locator next = page.locator("#repeat-preview-list li");
        assertThat(next).hasCount(10);
        assertThat(page.locator("#repeat-preview-state")).hasText("The next 10 calls, in America/New York time:");
        for (String text : next.locator(".occurrence-when").allTextContents()) {
            org.assertj.core.api.Assertions.assertThat(text).endsWith("09:30").doesNotStartWith("Sat").doesNotStartWith("Sun");
        }
        assertThat(next.first().locator(".occurrence-offset")).hasText(Pattern.compile("^\\(UTC−0[45]:00\\)$"));
        assertNoSeriousA11yViolations(page);

        button(form, "Schedule series").click();
        Locator notice = page.locator("action-notice");
        assertThat(notice).containsText("Scheduled a series of calls to Mum: Every weekday at 09:30, in America/New York time.");
        assertThat(button(form, "Call now")).isVisible(); // the form is back to a single call
        notice.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("See the series")).click();

        assertThat(page).hasURL(Pattern.compile("#/series/[^/]+$"));
        String id = page.url().replaceAll(".*#/series/", "");
        Locator detail = page.locator("series-detail");
        assertThat(detail.locator(".series-name")).hasText("Calls to Mum (+14155550961)");
        assertThat(detail.locator(".series-rule")).hasText("Every weekday at 09:30, in America/New York time.");
        assertThat(detail.locator(".series-status-line")).containsText("Active.");
        assertThat(detail.locator(".series-occurrences li")).hasCount(10);
        // Its first call is made ready at once: an ordinary call, which links back to its series.
        LocalDate firstDay = LocalDate.now(NEW_YORK).plusDays(2);
        while (firstDay.getDayOfWeek() == DayOfWeek.SATURDAY || firstDay.getDayOfWeek() == DayOfWeek.SUNDAY) {
            firstDay = firstDay.plusDays(1);
        }
        Locator firstCall = detail.locator(".series-calls tbody tr").first();
        assertThat(firstCall.locator("td").first()).hasText(firstDay + " 09:30");
        assertNoSeriousA11yViolations(page);
        firstCall.getByRole(AriaRole.LINK).click();
        Locator details = page.locator("#details-dialog");
        assertThat(details).containsText("Repeats every weekday at 09:30, in America/New York time (its call of " + firstDay
                + " 09:30): see the series");
        details.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("see the series$"))).click();
        assertThat(page).hasURL(Pattern.compile("#/series/" + id + "$"));
        assertThat(details).isHidden();

        button(detail, "Pause").click();
        assertThat(detail.locator(".series-status-line")).containsText("Paused.");
        assertThat(button(detail, "Pause")).isHidden();
        org.assertj.core.api.Assertions.assertThat(DeployedApp.send("GET", browser.app().api.resolve("/series/" + id), null, 200)
                .path("status").asText()).isEqualTo("PAUSED");
        button(detail, "Resume").click();
        assertThat(detail.locator(".series-status-line")).containsText("Active.");

        // The list: this series, its rule in words and its next call in its own zone.
        detail.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("All series")).click();
        Locator row = page.locator("series-view tbody tr[data-id='" + id + "']");
        assertThat(row).containsText("every weekday at 09:30");
        assertThat(row.locator(".series-next")).hasText(Pattern.compile("09:30 \\(UTC−0[45]:00\\) America/New York$"));
        assertThat(row.locator(".series-status")).hasText("Active");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Series").setExact(true))).hasAttribute("aria-current", "page");
        row.getByRole(AriaRole.LINK).click();

        // Delete asks first, saying the history is kept; "Keep it" gives the focus back to Delete.
        button(detail, "Delete").click();
        Locator dialog = page.locator("#series-delete-dialog");
        assertThat(dialog).containsText("The calls it made so far stay in the history.");
        assertNoSeriousA11yViolations(page);
        button(dialog, "Keep it").click();
        assertThat(button(detail, "Delete")).isFocused();
        button(detail, "Delete").click();
        button(dialog, "Delete the series").click();
        assertThat(detail.locator(".series-status-line")).containsText("Deleted.");
        assertThat(button(detail, "Resume")).isHidden();
        org.assertj.core.api.Assertions.assertThat(DeployedApp.send("GET", browser.app().api.resolve("/series/" + id), null, 200)
                .path("status").asText()).isEqualTo("DELETED");
        assertThat(detail.locator(".series-calls tbody tr").first()).isVisible(); // the history is kept
    }

    /** A series the roller paused itself (its calls could no longer be made) says why and what to do, first. */
    @Test
    void aSeriesPausedByTheSchedulerSaysWhyAndThatItNeedsAResume() {
        Page page = open("#/series");
        String state = "./js/views/series/state.js";
        Map<String, Object> paused = Map.of("status", "PAUSED",
                "endReason", "its calls can no longer be made: callerId +14155550100 is not an allowed caller ID");
        org.assertj.core.api.Assertions.assertThat(call(page, state, "statusText", paused).asText()).isEqualTo(
                "Paused by the scheduler: its calls can no longer be made: callerId +14155550100 is not an allowed caller ID."
                        + " Fix that, then resume it; until then it makes no call.");
        org.assertj.core.api.Assertions.assertThat(call(page, state, "listStatusLabel", paused).asText())
                .isEqualTo("Paused: needs attention");
        Map<String, Object> pausedByAPerson = Map.of("status", "PAUSED");
        org.assertj.core.api.Assertions.assertThat(call(page, state, "statusText", pausedByAPerson).asText()).startsWith("Paused. Makes no call");
        org.assertj.core.api.Assertions.assertThat(call(page, state, "listStatusLabel", pausedByAPerson).asText()).isEqualTo("Paused");
        // A series already split still calls up to the split, and is changed through its continuation only.
        org.assertj.core.api.Assertions.assertThat(call(page, state, "allowedActions", Map.of("status", "ACTIVE", "continuedBy", "s2")))
                .extracting(JsonNode::asText).containsExactly("pause", "delete");
        org.assertj.core.api.Assertions.assertThat(call(page, state, "allowedActions", Map.of("status", "ACTIVE")))
                .extracting(JsonNode::asText).containsExactly("pause", "edit", "delete");
    }

    /** The create reached the API but its answer was lost: sending it again reuses the key, so one series exists. */
    @Test
    void aCreateWhoseAnswerIsLostIsSentAgainWithItsKeyAndMakesOneSeries() {
        Page page = formFor("+14155550962", "10:15");
        Locator form = page.locator("call-form");
        form.getByLabel("Contact name (optional)").fill("Lost Answer");
        form.getByLabel("Repeat", new Locator.GetByLabelOptions().setExact(true)).selectOption("daily");
        assertThat(page.locator("#repeat-preview-list li")).hasCount(10);
        List<String> keysSent = new java.util.ArrayList<>();
        page.route("**/series", route -> {
            if (!route.request().method().equals("POST")) {
                route.resume();
                return;
            }
            keysSent.add(route.request().headers().get("idempotency-key"));
            if (keysSent.size() == 1) {
                route.fetch(); // the API creates the series; its answer never reaches the page
                route.abort("connectionreset");
            } else {
                route.resume();
            }
        });

        button(form, "Schedule series").click();
        assertThat(page.locator("#form-error")).not().isEmpty();
        button(form, "Schedule series").click();

        assertThat(page.locator("action-notice")).containsText("Scheduled a series of calls to Lost Answer");
        org.assertj.core.api.Assertions.assertThat(keysSent).hasSize(2).doesNotContainNull();
        org.assertj.core.api.Assertions.assertThat(keysSent.get(1)).isEqualTo(keysSent.get(0));
        JsonNode all = browser.app().send("GET", browser.app().api.resolve("/series?limit=100"), null, 200).path("items");
        int named = 0;
        for (JsonNode series : all) {
            named += series.path("contactName").asText().equals("Lost Answer") ? 1 : 0;
        }
        org.assertj.core.api.Assertions.assertThat(named).isEqualTo(1);
    }

    @Test
    void aBadCustomRuleIsRefusedNextToItsFieldBeforeAndWhenSaving() {
        Page page = formFor("+14155550962", "10:00");
        Locator form = page.locator("call-form");
        form.getByLabel("Repeat", new Locator.GetByLabelOptions().setExact(true)).selectOption("custom");
        Locator rule = form.getByLabel("Custom rule");
        rule.fill("FREQ=HOURLY");
        assertThat(page.locator("#rrule-error")).hasText(
                "Repeat rule: a series calls at most once an hour; for several calls a day use FREQ=DAILY with BYHOUR=9,17 and one BYMINUTE.");
        assertThat(rule).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#repeat-preview-list li")).hasCount(0);

        rule.fill("FREQ=WEEKLY;BYDAY=XX");
        assertThat(page.locator("#rrule-error")).hasText(Pattern.compile("^Repeat rule: this is not a rule that can be read"));
        button(form, "Schedule series").click();
        assertThat(page.locator("#rrule-error")).hasText(Pattern.compile("^Repeat rule: this is not a rule that can be read"));
        assertThat(rule).isFocused();

        rule.fill("FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=10;BYMINUTE=0");
        assertThat(page.locator("#repeat-preview-list li")).hasCount(10);
        assertThat(page.locator("#rrule-error")).isEmpty();
        assertThat(rule).not().hasAttribute("aria-invalid", "true");

        // The preview reads a whole series: without a number it says what it waits for, and follows the number typed.
        form.getByLabel("Phone number").fill("");
        assertThat(page.locator("#repeat-preview-state")).hasText(
                "The next calls show once the rest of the form is complete (such as the phone number).");
        assertThat(page.locator("#repeat-preview-list li")).hasCount(0);
        form.getByLabel("Phone number").fill("+14155550962");
        assertThat(page.locator("#repeat-preview-list li")).hasCount(10);
    }

    @Test
    void aSeriesIsEditedForAllItsFutureCallsThenFromOneCallOnAsANewSeries() {
        Page page = formFor("+14155550963", "08:00");
        Locator form = page.locator("call-form");
        form.getByLabel("Repeat", new Locator.GetByLabelOptions().setExact(true)).selectOption("daily");
        assertThat(page.locator("#repeat-preview-list li")).hasCount(10);
        button(form, "Schedule series").click();
        page.locator("action-notice").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("See the series")).click();
        Locator detail = page.locator("series-detail");
        assertThat(detail.locator(".series-rule")).hasText("Every day at 08:00, in America/New York time.");
        String first = page.url().replaceAll(".*#/series/", "");

        // All its future calls: the form opens on the series' own choice, and shows the changed rule's next calls.
        button(detail, "Edit").click();
        Locator dialog = page.locator("#series-edit-dialog");
        Locator repeat = dialog.getByLabel("Repeat", new Locator.GetByLabelOptions().setExact(true));
        assertThat(repeat).hasValue("daily");
        assertThat(dialog.getByLabel("Applies to")).hasValue("");
        repeat.selectOption("weekdays");
        assertThat(dialog.locator("#series-edit-repeat-preview-list li")).hasCount(10);
        assertNoSeriousA11yViolations(page);
        button(dialog, "Save changes").click();
        assertThat(detail.locator(".series-rule")).hasText("Every weekday at 08:00, in America/New York time.");
        assertThat(button(detail, "Edit")).isFocused();

        // This and the following: from its third next call on, at 09:00, a new series that continues this one.
        Locator third = detail.locator(".series-occurrences li").nth(2);
        String thirdWhen = third.locator(".occurrence-when").textContent();
        third.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Edit from here"))).click();
        assertThat(dialog.locator("#series-edit-title")).hasText("Change this and the following calls");
        dialog.getByLabel("Time, in New York time").fill("09:00");
        button(dialog, "Save changes").click();
        assertThat(page).not().hasURL(Pattern.compile("#/series/" + first + "$"));
        assertThat(detail.locator(".series-rule")).hasText("Every weekday at 09:00, in America/New York time.");
        assertThat(detail.locator(".series-lineage")).hasText("It continues an earlier series.");
        assertThat(detail.locator(".series-occurrences li").first().locator(".occurrence-when")).hasText(thirdWhen.replace("08:00", "09:00"));
    }

    /**
     * The form's next calls across New York's next daylight-saving change (at least 5 days away, found from now): a daily
     * series from 3 days before it shows the offset changing at its 4th call, marked as the clocks' change.
     */
    @Test
    void theFormsNextCallsShowTheOffsetChangeAcrossTheZonesNextDaylightSavingChange() {
        java.time.zone.ZoneOffsetTransition change = NEW_YORK.getRules().nextTransition(java.time.Instant.now().plus(java.time.Duration.ofDays(5)));
        LocalDate start = change.getInstant().atZone(NEW_YORK).toLocalDate().minusDays(3);
        Page page = formFor("+14155550964", "09:30");
        page.locator("#new-date").fill(start.toString());
        page.locator("call-form").getByLabel("Repeat", new Locator.GetByLabelOptions().setExact(true)).selectOption("daily");
        Locator next = page.locator("#repeat-preview-list li");
        assertThat(next).hasCount(10);
        String before = "(" + offsetText(change.getOffsetBefore()) + ")";
        String after = "(" + offsetText(change.getOffsetAfter()) + ")";
        assertThat(next.nth(2).locator(".occurrence-offset")).hasText(before);
        assertThat(next.nth(3).locator(".occurrence-offset")).hasText(after);
        assertThat(next.nth(3)).containsText("the clocks change before this call");
        assertThat(next.nth(3).locator(".occurrence-when")).hasText(Pattern.compile("09:30$")); // the same wall-clock time
        assertThat(next.nth(2).locator(".occurrence-note")).hasCount(0);
    }

    private static String offsetText(ZoneOffset offset) {
        return "UTC" + offset.getId().replace("-", "−");
    }

    @Test
    void theListPutsWhatHappensNextFirst() {
        Page page = open("");
        String soon = java.time.Instant.now().plusSeconds(3600).toString();
        String later = java.time.Instant.now().plusSeconds(7200).toString();
        List<Map<String, Object>> items = List.of(
                Map.of("id", "ended", "status", "ENDED", "createdAt", "2"),
                Map.of("id", "later", "status", "ACTIVE", "createdAt", "1", "nextOccurrences", List.of(Map.of("at", later))),
                Map.of("id", "paused", "status", "PAUSED", "createdAt", "3", "nextOccurrences", List.of(Map.of("at", soon))),
                Map.of("id", "soon", "status", "ACTIVE", "createdAt", "0", "nextOccurrences", List.of(Map.of("at", soon))));
        JsonNode sorted = call(page, "./js/views/series/state.js", "byWhatHappensNext", items);
        org.assertj.core.api.Assertions.assertThat(sorted.findValuesAsText("id")).containsExactly("soon", "later", "paused", "ended");
    }
}
