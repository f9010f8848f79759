package se.karta.rules.lss;

import java.time.LocalDate;
import java.util.List;

import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Extension;
import org.springframework.stereotype.Component;

import se.karta.rules.AbstractPlanRule;
import se.karta.terms.KartaTerms;
import se.karta.rules.PlanSupport;
import se.karta.rules.RuleContext;
import se.karta.rules.RuleViolation;

/**
 * {@code LSS-ANNUAL-REVIEW} — LSS 10 § st 2: the plan is reviewed continuously and at least once a year.
 * Every {@code lss-ip} that is not a draft has exactly one {@code review} extension whose {@code nextReview}
 * is at most 12 months after {@code lastReviewed}, or after {@code CarePlan.period.start} when it has never
 * been reviewed. A missing review extension, a missing {@code nextReview}, or no date to count from fail this
 * rule. Dates are compared as calendar dates (a partial date counts as its first day); 12 months after
 * 2024-02-29 is 2025-02-28.
 */
@Component
public class LssAnnualReviewRule extends AbstractPlanRule {

    public LssAnnualReviewRule() {
        super("LSS-ANNUAL-REVIEW", "LSS 10 § st 2",
                "En individuell plan enligt LSS ska omprövas minst en gång om året: nästa omprövning högst 12 månader efter senaste omprövning eller planens start.",
                "An individual plan under LSS is reviewed at least yearly: nextReview is at most 12 months after lastReviewed (or period.start).");
    }

    @Override
    protected void verify(CarePlan plan, RuleContext ctx, List<RuleViolation> out) {
        if (!PlanSupport.isLssIp(plan) || PlanSupport.isDraft(plan)) {
            return;
        }
        String reviewPath = KartaTerms.extensionPath("CarePlan", KartaTerms.EXT_REVIEW);
        List<Extension> reviews = plan.getExtensionsByUrl(KartaTerms.EXT_REVIEW);
        if (reviews.size() != 1) {
            out.add(violation(reviews.isEmpty()
                            ? "Planen anger inte när den ska omprövas nästa gång (LSS kräver omprövning minst en gång om året)."
                            : "Planen anger omprövning flera gånger; ange den en gång.",
                    "Exactly one review extension is required on a non-draft lss-ip, found " + reviews.size() + ".",
                    reviewPath));
            return;
        }
        Extension review = reviews.get(0);
        LocalDate next = date(review.getExtensionByUrl(KartaTerms.EXT_REVIEW_NEXT));
        if (next == null) {
            out.add(violation("Planen anger inte datum för nästa omprövning.",
                    "review.nextReview (valueDate) is missing.",
                    reviewPath + ".extension('" + KartaTerms.EXT_REVIEW_NEXT + "')"));
            return;
        }
        LocalDate last = date(review.getExtensionByUrl(KartaTerms.EXT_REVIEW_LAST));
        LocalDate base = last;
        String baseName = "lastReviewed";
        if (base == null && plan.getPeriod().hasStart()) {
            base = toLocalDate(plan.getPeriod().getStartElement());
            baseName = "period.start";
        }
        if (base == null) {
            out.add(violation("Det går inte att kontrollera årlig omprövning: planen saknar både startdatum och datum för senaste omprövning.",
                    "Neither review.lastReviewed nor CarePlan.period.start is set; cannot check the 12-month limit.",
                    "CarePlan.period.start"));
            return;
        }
        LocalDate limit = base.plusMonths(12);
        if (next.isAfter(limit)) {
            out.add(violation("Nästa omprövning (" + next + ") ligger mer än ett år efter " + (last != null ? "senaste omprövning" : "planens start")
                            + " (" + base + "); den ska ske senast " + limit + ".",
                    "review.nextReview " + next + " is more than 12 months after " + baseName + " " + base + " (limit " + limit + ").",
                    reviewPath + ".extension('" + KartaTerms.EXT_REVIEW_NEXT + "')"));
        }
    }

    private static LocalDate date(Extension ext) {
        if (ext != null && ext.getValue() instanceof BaseDateTimeType d && d.getValue() != null) {
            return toLocalDate(d);
        }
        return null;
    }

    private static LocalDate toLocalDate(BaseDateTimeType d) {
        if (d == null || d.getValue() == null) {
            return null;
        }
        return LocalDate.of(d.getYear(), d.getMonth() + 1, d.getDay());
    }
}
