package se.karta.rules.id;

import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.springframework.stereotype.Component;

import se.karta.identifiers.HsaId;
import se.karta.identifiers.IdentifierProblem;
import se.karta.identifiers.Organisationsnummer;
import se.karta.rules.AbstractLegalRule;
import se.karta.rules.RuleContext;
import se.karta.rules.RuleViolation;

/**
 * {@code ID-HSA} (no legal source; identity): every {@code Organization.identifier} with the HSA-id system
 * ({@code urn:oid:1.2.752.29.4.19}) is a well-formed HSA-id whose embedded organisationsnummer passes Luhn
 * ({@link HsaId}), and every one with the organisationsnummer system ({@code urn:oid:2.5.4.97}) is a valid
 * organisationsnummer ({@link Organisationsnummer}).
 */
@Component
public class HsaIdRule extends AbstractLegalRule<Organization> {

    public HsaIdRule() {
        super("ID-HSA", Organization.class, "—",
                "HSA-id och organisationsnummer ska vara korrekt formade med rätt kontrollsiffra.",
                "HSA-id and organisationsnummer are well formed with a valid check digit.");
    }

    @Override
    protected void verify(Organization org, RuleContext ctx, List<RuleViolation> out) {
        for (int i = 0; i < org.getIdentifier().size(); i++) {
            Identifier id = org.getIdentifier().get(i);
            Optional<IdentifierProblem> problem;
            if (HsaId.SYSTEM.equals(id.getSystem())) {
                problem = HsaId.check(id.getValue());
            } else if (Organisationsnummer.SYSTEM.equals(id.getSystem())) {
                problem = Organisationsnummer.check(id.getValue());
            } else {
                continue;
            }
            int index = i;
            problem.ifPresent(p -> out.add(violation(p.messageSv(), p.messageEn(), "Organization.identifier[" + index + "].value")));
        }
    }
}
