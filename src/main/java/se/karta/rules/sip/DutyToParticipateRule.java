package se.karta.rules.sip;

import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

import se.karta.rules.AbstractLegalRule;
import se.karta.terms.KartaTerms;
import se.karta.rules.PlanSupport;
import se.karta.rules.References;
import se.karta.rules.RuleContext;
import se.karta.rules.RuleViolation;

/**
 * {@code SIP-DUTY-TO-PARTICIPATE} — HSL 16 kap. 4 § st 2, SoL 2 kap. 7 § st 2: when the region or the kommun
 * asks for a planning, the other is obliged to take part. A Task with code {@code task-type#planning-request}
 * whose requester and owner are Organizations of type region and kommun (either direction) may not have
 * status {@code rejected}.
 *
 * <p>Only checked when the status is {@code rejected}. Requester/owner references that name another type
 * than Organization make the rule not apply; an Organization reference that cannot be resolved is reported
 * (the rule cannot tell whether the duty applies).
 */
@Component
public class DutyToParticipateRule extends AbstractLegalRule<Task> {

    public DutyToParticipateRule() {
        super("SIP-DUTY-TO-PARTICIPATE", Task.class, "HSL 16:4 st 2, SoL 2:7 st 2",
                "När region eller kommun begär planering för en SIP är den andra skyldig att delta och får inte avvisa begäran.",
                "A planning-request between a region and a kommun may not be rejected by its owner: the other principal is obliged to take part.");
    }

    @Override
    protected void verify(Task task, RuleContext ctx, List<RuleViolation> out) {
        if (task.getStatus() != Task.TaskStatus.REJECTED
                || !PlanSupport.hasCoding(task.getCode(), KartaTerms.CS_TASK_TYPE, KartaTerms.TASK_PLANNING_REQUEST)) {
            return;
        }
        Optional<String> requester = type(task, task.getRequester(), "Task.requester", ctx, out);
        Optional<String> owner = type(task, task.getOwner(), "Task.owner", ctx, out);
        if (requester.isEmpty() || owner.isEmpty()) {
            return;
        }
        boolean regionKommun = (requester.get().equals(KartaTerms.PRINCIPAL_REGION) && owner.get().equals(KartaTerms.PRINCIPAL_KOMMUN))
                || (requester.get().equals(KartaTerms.PRINCIPAL_KOMMUN) && owner.get().equals(KartaTerms.PRINCIPAL_REGION));
        if (regionKommun) {
            out.add(violation("Begäran om samordnad individuell planering mellan region och kommun får inte avvisas: mottagaren är skyldig att delta.",
                    "planning-request from " + requester.get() + " to " + owner.get()
                            + " may not have status rejected (duty to participate).",
                    "Task.status"));
        }
    }

    /** The principal-type of an Organization reference; empty (and possibly a violation) otherwise. */
    private Optional<String> type(Task task, Reference ref, String expr, RuleContext ctx, List<RuleViolation> out) {
        if (ref == null || ref.isEmpty()) {
            return Optional.empty();
        }
        String refType = References.typeOf(ref);
        if (refType != null && !refType.equals("Organization")) {
            return Optional.empty();
        }
        Optional<Organization> org = resolve(task, ref, Organization.class, ctx);
        if (org.isEmpty()) {
            String d = References.describe(ref);
            out.add(violation("Organisationen " + d + " hittades inte, så det går inte att avgöra om begäran får avvisas.",
                    "Organization " + d + " not found; cannot tell whether the planning-request may be rejected.", expr));
            return Optional.empty();
        }
        return PlanSupport.principalType(org.get());
    }
}
