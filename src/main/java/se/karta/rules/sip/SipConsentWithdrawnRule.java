package se.karta.rules.sip;

import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanStatus;
import org.springframework.stereotype.Component;

import se.karta.rules.AbstractPlanRule;
import se.karta.rules.PlanSupport;
import se.karta.rules.RuleContext;
import se.karta.rules.RuleViolation;

/**
 * {@code SIP-CONSENT-WITHDRAWN} — HSL 16 kap. 4 § st 2: consent is the basis of a SIP; once the person
 * withdraws it the plan may only be ended. A SIP (any status, drafts included) whose referenced sip-consent
 * is {@code inactive} or {@code rejected} (and no referenced sip-consent is {@code active}) must have status
 * {@code revoked}, {@code completed} or {@code entered-in-error}.
 */
@Component
public class SipConsentWithdrawnRule extends AbstractPlanRule {

    /** The statuses of an ended plan: all a plan may have once its consent is withdrawn. */
    public static final Set<CarePlanStatus> ENDED =
            Set.of(CarePlanStatus.REVOKED, CarePlanStatus.COMPLETED, CarePlanStatus.ENTEREDINERROR);

    public SipConsentWithdrawnRule() {
        super("SIP-CONSENT-WITHDRAWN", "HSL 16:4 st 2",
                "När samtycket till en SIP har återkallats får planen bara avslutas (revoked, completed eller entered-in-error).",
                "While a SIP's consent is not active (inactive or rejected), the plan may only be ended (revoked, completed, entered-in-error).");
    }

    @Override
    protected void verify(CarePlan plan, RuleContext ctx, List<RuleViolation> out) {
        if (!PlanSupport.isSip(plan) || ENDED.contains(plan.getStatus())) {
            return;
        }
        if (PlanSupport.sipConsentWithdrawn(plan, ctx)) {
            String status = plan.getStatus() == null ? "(saknas)" : plan.getStatus().toCode();
            out.add(violation("Samtycket till SIP har återkallats; planen får bara avslutas (status revoked, completed eller entered-in-error), inte ha status "
                    + status + ".",
                    "The SIP's sip-consent is inactive/rejected; status must be revoked, completed or entered-in-error, got "
                            + status + ".",
                    "CarePlan.status"));
        }
    }
}
