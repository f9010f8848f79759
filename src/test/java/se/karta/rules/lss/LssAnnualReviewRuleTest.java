package se.karta.rules.lss;

import static se.karta.rules.RuleAssertions.assertOnly;
import static se.karta.rules.RuleAssertions.assertPasses;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.junit.jupiter.api.Test;

import se.karta.terms.KartaTerms;
import se.karta.rules.KartaWorld;

class LssAnnualReviewRuleTest {

    private static final String ID = "LSS-ANNUAL-REVIEW";
    private static final String REVIEW = "CarePlan.extension('" + KartaTerms.EXT_REVIEW + "')";
    private static final String NEXT = REVIEW + ".extension('nextReview')";
    private final KartaWorld w = new KartaWorld();

    private Extension review() {
        return w.lss.getExtensionByUrl(KartaTerms.EXT_REVIEW);
    }

    @Test
    void nextReviewWithinAYearOfLastReviewPasses() {
        assertPasses(w.lss, w.ctx);
        review().getExtensionByUrl("nextReview").setValue(new DateType("2027-03-01"));
        assertPasses(w.lss, w.ctx);
    }

    @Test
    void nextReviewMoreThanAYearAfterLastReviewFails() {
        review().getExtensionByUrl("nextReview").setValue(new DateType("2027-03-02"));
        assertOnly(ID, NEXT, w.lss, w.ctx);
    }

    @Test
    void withoutLastReviewCountsFromPeriodStart() {
        review().getExtension().removeIf(e -> e.getUrl().equals("lastReviewed"));
        review().getExtensionByUrl("nextReview").setValue(new DateType("2027-01-10"));
        assertPasses(w.lss, w.ctx);
        review().getExtensionByUrl("nextReview").setValue(new DateType("2027-01-11"));
        assertOnly(ID, NEXT, w.lss, w.ctx);
    }

    @Test
    void missingReviewOnNonDraftFails() {
        w.lss.getExtension().removeIf(e -> e.getUrl().equals(KartaTerms.EXT_REVIEW));
        assertOnly(ID, REVIEW, w.lss, w.ctx);
    }

    @Test
    void missingReviewOnDraftPasses() {
        w.lss.setStatus(CarePlan.CarePlanStatus.DRAFT);
        w.lss.getExtension().removeIf(e -> e.getUrl().equals(KartaTerms.EXT_REVIEW));
        assertPasses(w.lss, w.ctx);
    }

    @Test
    void missingNextReviewFails() {
        review().getExtension().removeIf(e -> e.getUrl().equals("nextReview"));
        assertOnly(ID, NEXT, w.lss, w.ctx);
    }

    @Test
    void noDateToCountFromFails() {
        review().getExtension().removeIf(e -> e.getUrl().equals("lastReviewed"));
        w.lss.getPeriod().setStartElement(null);
        assertOnly(ID, "CarePlan.period.start", w.lss, w.ctx);
    }

    @Test
    void periodStartWithTimeIsReadAsItsLocalDate() {
        review().getExtension().removeIf(e -> e.getUrl().equals("lastReviewed"));
        w.lss.getPeriod().setStartElement(new DateTimeType("2026-01-10T23:30:00+01:00"));
        review().getExtensionByUrl("nextReview").setValue(new DateType("2027-01-10"));
        assertPasses(w.lss, w.ctx);
    }
}
