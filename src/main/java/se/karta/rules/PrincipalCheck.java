package se.karta.rules;

import se.karta.terms.KartaTerms;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Organization;

/** Shared check of SIP-PRINCIPALS and LSS-PRINCIPALS: a care team names a region and a kommun principal. */
public final class PrincipalCheck {

    private PrincipalCheck() {
    }

    /** What is missing, in Swedish and English (including principal organisations that could not be found). */
    public record Missing(String sv, String en) {
    }

    /** Empty when the care team has a principal of type region and one of type kommun. */
    public static Optional<Missing> regionAndKommun(CareTeam team, RuleContext ctx) {
        boolean region = false;
        boolean kommun = false;
        List<String> unresolved = new ArrayList<>();
        for (PlanSupport.TeamOrganization p : PlanSupport.principals(team, ctx)) {
            Optional<Organization> org = AbstractLegalRule.resolve(team, p.organization(), Organization.class, ctx);
            if (org.isEmpty()) {
                unresolved.add(References.describe(p.organization()));
                continue;
            }
            String type = PlanSupport.principalType(org.get()).orElse("");
            region |= type.equals(KartaTerms.PRINCIPAL_REGION);
            kommun |= type.equals(KartaTerms.PRINCIPAL_KOMMUN);
        }
        if (region && kommun) {
            return Optional.empty();
        }
        String sv = !region && !kommun ? "region och kommun" : !region ? "region" : "kommun";
        String en = !region && !kommun ? "region and kommun" : !region ? "region" : "kommun";
        if (!unresolved.isEmpty()) {
            sv += " (huvudmännen " + String.join(", ", unresolved) + " hittades inte)";
            en += " (principal organisation(s) " + String.join(", ", unresolved) + " not found)";
        }
        return Optional.of(new Missing(sv, en));
    }
}
