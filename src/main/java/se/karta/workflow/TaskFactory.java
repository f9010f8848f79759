package se.karta.workflow;

import se.karta.terms.KartaTerms;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;

/**
 * Builds the {@code karta-task} Tasks of CONTRACT section 5 and the {@code ip-request} Task.
 * Every Task has {@code meta.profile} karta-task, {@code code} from {@code task-type}, status
 * {@code requested}, intent {@code order}, {@code authoredOn} now, and Swedish
 * {@code description}. Nothing is stored; the caller decides requester/owner where the contract
 * needs other resources (e.g. the care team's principal of the other type for an ip-notification).
 *
 * <p>Resources used as {@code focus} must have an id ({@code CarePlan/1} or a transaction's
 * {@code urn:uuid:...}); otherwise an {@link IllegalArgumentException} is thrown.
 */
public class TaskFactory {

    // short names for the workflow's code; the values are KartaTerms'
    public static final String PROFILE = KartaTerms.PROFILE_TASK;
    public static final String CS_TASK_TYPE = KartaTerms.CS_TASK_TYPE;

    public static final String PLANNING_REQUEST = KartaTerms.TASK_PLANNING_REQUEST;
    public static final String IP_REQUEST = KartaTerms.TASK_IP_REQUEST;
    public static final String IP_NOTIFICATION = KartaTerms.TASK_IP_NOTIFICATION;
    public static final String REVIEW_DUE = KartaTerms.TASK_REVIEW_DUE;
    public static final String CONSENT_WITHDRAWN = KartaTerms.TASK_CONSENT_WITHDRAWN;

    static final String EXT_OVERALL_RESPONSIBILITY = KartaTerms.EXT_OVERALL_RESPONSIBILITY;
    static final String EXT_REVIEW = KartaTerms.EXT_REVIEW;

    /** linkId of the ip-request item naming the principal as a Reference(Organization). */
    public static final String LINK_PRINCIPAL_ORGANIZATION = "principal.organization";

    private final Clock clock;

    public TaskFactory() {
        this(Clock.systemDefaultZone());
    }

    /** @param clock gives {@code authoredOn} */
    public TaskFactory(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * LSS 10 § st 3: tell the other principal that an individual plan has been drawn up.
     *
     * @param plan      the {@code lss-ip} plan (focus; its subject becomes {@code for})
     * @param requester the principal that drew the plan up (see {@link #planAuthor(CarePlan)})
     * @param owner     the care team's principal of the other type (region ↔ kommun)
     */
    public Task ipNotification(CarePlan plan, Reference requester, Reference owner) {
        Task task = base(IP_NOTIFICATION, "Underrättelse om individuell plan", "Notification of an individual plan");
        forPlan(task, plan);
        task.setRequester(copy(requester));
        task.setOwner(copy(owner));
        task.setDescription("En individuell plan enligt LSS har upprättats. Underrättelse enligt 10 § tredje stycket LSS"
                + " till den huvudman som inte har upprättat planen.");
        return task;
    }

    /**
     * LSS 10 § st 2: the plan is to be reviewed (at least once a year).
     *
     * @param plan  the {@code lss-ip} plan (focus)
     * @param owner the organisation with overall responsibility
     * @param due   the plan's {@code review.nextReview}; becomes {@code restriction.period.end}
     */
    public Task reviewDue(CarePlan plan, Reference owner, LocalDate due) {
        Objects.requireNonNull(due, "due");
        Task task = base(REVIEW_DUE, "Omprövning av planen ska göras", "Review due");
        forPlan(task, plan);
        task.setOwner(copy(owner));
        task.setRequester(planAuthor(plan).orElse(copy(owner)));
        task.getRestriction().getPeriod().setEndElement(new DateTimeType(due.toString()));
        task.setDescription("Planen ska omprövas senast " + due + ". En individuell plan enligt LSS ska omprövas"
                + " fortlöpande och minst en gång om året (10 § LSS).");
        return task;
    }

    /**
     * HSL 16 kap. 4 §: the SIP consent has been withdrawn; the plan may only be ended.
     *
     * @param plan    the plan that references the consent (focus)
     * @param consent the withdrawn {@code sip-consent} (becomes {@code reasonReference})
     * @param owner   the plan's organisation with overall responsibility
     */
    public Task consentWithdrawn(CarePlan plan, Consent consent, Reference owner) {
        Task task = base(CONSENT_WITHDRAWN, "Samtycke återkallat", "Consent withdrawn");
        forPlan(task, plan);
        task.setOwner(copy(owner));
        task.setRequester(planAuthor(plan).orElse(copy(owner)));
        if (consent != null) {
            task.setReasonReference(referenceTo(consent));
        }
        task.setDescription("Samtycket till samordnad individuell plan har återkallats. Planen får inte fortsätta"
                + " utan samtycke; den kan bara avslutas.");
        return task;
    }

    /**
     * A person (or a legal representative or relative) asks for an individual plan.
     *
     * @param qr    the answered ip-request Questionnaire (focus); its {@code subject} becomes {@code for},
     *              its {@code author} (else {@code source}) the requester
     * @param owner the region or kommun asked (see {@link #requestedPrincipal(QuestionnaireResponse)})
     */
    public Task ipRequest(QuestionnaireResponse qr, Reference owner) {
        Task task = base(IP_REQUEST, "Begäran om individuell plan", "Request for an individual plan");
        task.setFocus(referenceTo(qr));
        if (qr.hasSubject()) {
            task.setFor(copy(qr.getSubject()));
        }
        if (qr.hasAuthor()) {
            task.setRequester(copy(qr.getAuthor()));
        } else if (qr.hasSource()) {
            task.setRequester(copy(qr.getSource()));
        }
        task.setOwner(copy(owner));
        task.setDescription("Begäran om individuell plan. Se svaren i formuläret (QuestionnaireResponse).");
        return task;
    }

    // ---- helpers the caller may use to pick requester and owner ----

    /** Who drew the plan up: {@code author}, else the overall-responsible organisation (CONTRACT section 5). */
    public static Optional<Reference> planAuthor(CarePlan plan) {
        if (plan.hasAuthor()) {
            return Optional.of(copy(plan.getAuthor()));
        }
        return overallResponsibility(plan);
    }

    /** The plan's {@code overall-responsibility} organisation. */
    public static Optional<Reference> overallResponsibility(CarePlan plan) {
        Extension ext = plan.getExtensionByUrl(EXT_OVERALL_RESPONSIBILITY);
        if (ext != null && ext.getValue() instanceof Reference ref && !ref.isEmpty()) {
            return Optional.of(copy(ref));
        }
        return Optional.empty();
    }

    /** The plan's {@code review.nextReview}. */
    public static Optional<LocalDate> nextReview(CarePlan plan) {
        Extension review = plan.getExtensionByUrl(EXT_REVIEW);
        Extension next = review == null ? null : review.getExtensionByUrl("nextReview");
        if (next != null && next.getValue() instanceof DateType date && date.hasValue()
                && date.getPrecision() == ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY) {
            return Optional.of(LocalDate.parse(date.getValueAsString()));
        }
        return Optional.empty();
    }

    /** The Organization the person picked in an ip-request ({@code principal.organization}), if any. */
    public static Optional<Reference> requestedPrincipal(QuestionnaireResponse qr) {
        return findAnswer(qr.getItem(), LINK_PRINCIPAL_ORGANIZATION)
                .filter(a -> a.getValue() instanceof Reference)
                .map(a -> copy((Reference) a.getValue()));
    }

    private static Optional<QuestionnaireResponseItemAnswerComponent> findAnswer(
            java.util.List<QuestionnaireResponseItemComponent> items, String linkId) {
        for (QuestionnaireResponseItemComponent item : items) {
            if (linkId.equals(item.getLinkId()) && item.hasAnswer()) {
                return Optional.of(item.getAnswerFirstRep());
            }
            Optional<QuestionnaireResponseItemAnswerComponent> nested = findAnswer(item.getItem(), linkId);
            if (nested.isPresent()) {
                return nested;
            }
            for (QuestionnaireResponseItemAnswerComponent answer : item.getAnswer()) {
                nested = findAnswer(answer.getItem(), linkId);
                if (nested.isPresent()) {
                    return nested;
                }
            }
        }
        return Optional.empty();
    }

    // ---- internals ----

    private Task base(String code, String displaySv, String textEn) {
        Task task = new Task();
        task.getMeta().addProfile(PROFILE);
        task.setStatus(Task.TaskStatus.REQUESTED);
        task.setIntent(Task.TaskIntent.ORDER);
        task.setCode(new CodeableConcept(new Coding(CS_TASK_TYPE, code, displaySv)).setText(displaySv));
        task.setAuthoredOn(new Date(clock.millis()));
        return task;
    }

    private static void forPlan(Task task, CarePlan plan) {
        Objects.requireNonNull(plan, "plan");
        task.setFocus(referenceTo(plan));
        if (plan.hasSubject()) {
            task.setFor(copy(plan.getSubject()));
        }
    }

    /** A literal reference to a resource: {@code Type/id} (no version), or its {@code urn:uuid:} id. */
    static Reference referenceTo(Resource resource) {
        Objects.requireNonNull(resource, "resource");
        IdType id = resource.getIdElement();
        String value = id.getValue();
        if (value != null && (value.startsWith("urn:uuid:") || value.startsWith("urn:oid:"))) {
            return new Reference(value);
        }
        if (id.hasIdPart()) {
            String type = id.hasResourceType() ? id.getResourceType() : resource.fhirType();
            return new Reference(type + "/" + id.getIdPart());
        }
        throw new IllegalArgumentException(resource.fhirType() + " has no id; store it (or give it a urn:uuid) first");
    }

    private static Reference copy(Reference ref) {
        return ref == null ? null : ref.copy();
    }
}
