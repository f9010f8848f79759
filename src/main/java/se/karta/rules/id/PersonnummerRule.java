package se.karta.rules.id;

import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

import se.karta.identifiers.IdentifierProblem;
import se.karta.identifiers.Personnummer;
import se.karta.rules.AbstractLegalRule;
import se.karta.rules.RuleContext;
import se.karta.rules.RuleViolation;

/**
 * {@code ID-PERSONNUMMER} (no legal source; identity): every {@code Patient.identifier} with the personnummer
 * or samordningsnummer system has a well-formed value with a valid check digit ({@link Personnummer}).
 * Nationellt reservnummer has no check and is not checked.
 */
@Component
public class PersonnummerRule extends AbstractLegalRule<Patient> {

    public PersonnummerRule() {
        super("ID-PERSONNUMMER", Patient.class, "—",
                "Personnummer och samordningsnummer ska ha 12 siffror, ett giltigt datum och rätt kontrollsiffra.",
                "Personnummer and samordningsnummer are well formed (12 digits, real date, day + 60 for samordningsnummer) with a valid check digit.");
    }

    @Override
    protected void verify(Patient patient, RuleContext ctx, List<RuleViolation> out) {
        for (int i = 0; i < patient.getIdentifier().size(); i++) {
            Identifier id = patient.getIdentifier().get(i);
            Optional<IdentifierProblem> problem;
            if (Personnummer.SYSTEM_PERSONNUMMER.equals(id.getSystem())) {
                problem = Personnummer.check(id.getValue());
            } else if (Personnummer.SYSTEM_SAMORDNINGSNUMMER.equals(id.getSystem())) {
                problem = Personnummer.checkSamordningsnummer(id.getValue());
            } else {
                continue;
            }
            int index = i;
            problem.ifPresent(p -> out.add(violation(p.messageSv(), p.messageEn(), "Patient.identifier[" + index + "].value")));
        }
    }
}
