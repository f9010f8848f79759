package se.karta.narrative;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityDetailComponent;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CareTeam.CareTeamParticipantComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import static se.karta.narrative.NarrativeTerms.*;
import static se.karta.terms.KartaTerms.*;

/**
 * Builds the generated Swedish narrative of a Karta plan ({@code karta-sip} or {@code karta-lss-ip}):
 * the person's "personliga karta". It names the person, the plan type and legal basis, each insats
 * with the organisation answering for it (and for LSS whether it is decided or planned), the
 * organisation with overall responsibility, the current members of the planning group, the goals,
 * the next review and the status.
 *
 * <p>Referenced resources are looked up through the caller's resolver (plus contained resources and
 * {@link Reference#getResource()}); when one cannot be resolved the reference's {@code display}, or
 * else the reference string, is shown. Care-team participants whose {@code period} has ended are left
 * out (so is a relative whose participation the server ended after an objection), and so is any
 * relative covered by an active {@code relative-participation} deny the plan references or the
 * caller passes.
 *
 * <p>The template ({@value #TEMPLATE}) is parsed once and cached; instances are immutable and
 * thread-safe.
 */
public class PlanNarrativeGenerator {

    /** Classpath template, relative to {@code narrative/}. */
    public static final String TEMPLATE = "karta-plan";

    private static final java.util.regex.Pattern LAYOUT_WHITESPACE = java.util.regex.Pattern.compile(">[ \\t\\r]*\\n\\s*<");

    private static final String XHTML_NS = "http://www.w3.org/1999/xhtml";

    private final TemplateEngine engine;
    private final Clock clock;

    public PlanNarrativeGenerator() {
        this(Clock.systemDefaultZone());
    }

    /** @param clock decides whether a participant's period has ended */
    public PlanNarrativeGenerator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(PlanNarrativeGenerator.class.getClassLoader());
        resolver.setPrefix("narrative/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        this.engine = new TemplateEngine();
        this.engine.setTemplateResolver(resolver);
        // Parse (and cache) the template now, so a broken template fails at start-up, not per request.
        render(new PlanView("", "", List.of(), "", null, null, null, null, null, null, false,
                List.of(), null, List.of(), List.of(), null, null));
    }

    /**
     * Generates the narrative of a plan.
     *
     * @param plan     the plan
     * @param resolver looks up a referenced resource (Patient, Organization, CareTeam, Goal, Consent,
     *                 Practitioner, ...); may return empty, may be {@code null}
     * @return a narrative with status {@code generated} and an xhtml div
     */
    public Narrative generate(CarePlan plan, Function<Reference, Optional<? extends Resource>> resolver) {
        return generate(plan, resolver, List.of());
    }

    /**
     * As {@link #generate(CarePlan, Function)}, also honouring the given consents (e.g. the person's
     * active {@code relative-participation} objections, which a plan need not reference).
     */
    public Narrative generate(CarePlan plan, Function<Reference, Optional<? extends Resource>> resolver,
                              Collection<Consent> consents) {
        Narrative narrative = new Narrative();
        narrative.setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString(renderHtml(plan, resolver, consents));
        return narrative;
    }

    /** The xhtml of the narrative, a single {@code <div xmlns="http://www.w3.org/1999/xhtml">}. */
    public String renderHtml(CarePlan plan, Function<Reference, Optional<? extends Resource>> resolver,
                             Collection<Consent> consents) {
        Objects.requireNonNull(plan, "plan");
        return render(view(plan, resolver, consents == null ? List.of() : consents));
    }

    /** Builds the view model (exposed for tests and for other renderings). */
    public PlanView view(CarePlan plan, Function<Reference, Optional<? extends Resource>> resolver,
                         Collection<Consent> consents) {
        return new Builder(plan, resolver, consents, new Date(clock.millis())).build();
    }

    private String render(PlanView view) {
        Context context = new Context(Locale.forLanguageTag("sv-SE"));
        context.setVariable("plan", view);
        // Drop the template's layout whitespace (line breaks between tags). Resource text is escaped,
        // so a literal '>' or '<' here is always markup.
        String html = LAYOUT_WHITESPACE.matcher(engine.process(TEMPLATE, context).strip()).replaceAll("><");
        if (!html.startsWith("<div xmlns=\"" + XHTML_NS + "\"")) {
            throw new IllegalStateException("narrative template must render a single xhtml div");
        }
        return html;
    }

    /** Reads one plan; lives for one call. */
    private static final class Builder {
        private final CarePlan plan;
        private final Function<Reference, Optional<? extends Resource>> resolver;
        private final Collection<Consent> extraConsents;
        private final Date now;

        Builder(CarePlan plan, Function<Reference, Optional<? extends Resource>> resolver,
                Collection<Consent> consents, Date now) {
            this.plan = plan;
            this.resolver = resolver;
            this.extraConsents = consents;
            this.now = now;
        }

        PlanView build() {
            String planTypeCode = planTypeCode();
            boolean lss = PLAN_LSS_IP.equals(planTypeCode);
            boolean anyDecision = plan.getActivity().stream()
                    .anyMatch(a -> a.hasDetail() && a.getDetail().hasExtension(EXT_INSATS_DECISION));
            Extension review = plan.getExtensionByUrl(EXT_REVIEW);
            Optional<CareTeam> careTeam = careTeam();
            return new PlanView(
                    personName(),
                    planTypeLabel(planTypeCode),
                    legalBases(),
                    label(PLAN_STATUS, plan.hasStatus() ? plan.getStatus().toCode() : null),
                    date(plan.getPeriod().getStartElement()),
                    date(plan.getPeriod().getEndElement()),
                    referenceExtensionName(EXT_OVERALL_RESPONSIBILITY),
                    plan.hasAuthor() ? name(plan.getAuthor()) : null,
                    codingExtension(EXT_PATIENT_PARTICIPATION, PARTICIPATION),
                    codingExtension(EXT_LSS_PERSONKRETS, PERSONKRETS),
                    lss || anyDecision,
                    plan.getActivity().stream().map(a -> insats(a, lss || anyDecision)).toList(),
                    careTeamLine(careTeam),
                    careTeam.map(this::participants).orElse(List.of()),
                    plan.getGoal().stream().map(this::goal).toList(),
                    review == null ? null : date(review.getExtensionByUrl(EXT_REVIEW_LAST)),
                    review == null ? null : date(review.getExtensionByUrl(EXT_REVIEW_NEXT)));
        }

        // ---- plan ----

        private String planTypeCode() {
            for (CodeableConcept category : plan.getCategory()) {
                for (Coding coding : category.getCoding()) {
                    if (CS_PLAN_TYPE.equals(coding.getSystem()) && coding.hasCode()) {
                        return coding.getCode();
                    }
                }
            }
            return null;
        }

        private String planTypeLabel(String code) {
            if (code != null && PLAN_TYPE.containsKey(code)) {
                return PLAN_TYPE.get(code);
            }
            return plan.getCategory().stream().map(c -> conceptText(c, Map.of())).filter(Objects::nonNull)
                    .findFirst().orElse(PLAN_TYPE_UNKNOWN);
        }

        private List<String> legalBases() {
            List<String> out = new ArrayList<>();
            for (Extension ext : plan.getExtensionsByUrl(EXT_LEGAL_BASIS)) {
                if (ext.getValue() instanceof Coding coding) {
                    String text = codingText(coding, LEGAL_BASIS);
                    if (text != null) {
                        out.add(text);
                    }
                }
            }
            return out;
        }

        private String personName() {
            if (!plan.hasSubject()) {
                return "(person ej angiven)";
            }
            return name(plan.getSubject());
        }

        private String referenceExtensionName(String url) {
            Extension ext = plan.getExtensionByUrl(url);
            if (ext != null && ext.getValue() instanceof Reference ref) {
                return name(ref);
            }
            return null;
        }

        private String codingExtension(String url, Map<String, String> labels) {
            Extension ext = plan.getExtensionByUrl(url);
            if (ext != null && ext.getValue() instanceof Coding coding) {
                return codingText(coding, labels);
            }
            return null;
        }

        // ---- insatser ----

        private PlanView.InsatsRow insats(CarePlanActivityComponent activity, boolean showDecision) {
            if (!activity.hasDetail()) {
                String what = activity.hasReference() ? name(activity.getReference()) : "(insats utan beskrivning)";
                return new PlanView.InsatsRow(what, null, NOT_STATED, showDecision ? NOT_STATED : null, NOT_STATED);
            }
            CarePlanActivityDetailComponent detail = activity.getDetail();
            String what = insatsText(detail.getCode());
            if (what == null) {
                what = "(insats utan kod)";
            }
            String description = detail.hasDescription() ? detail.getDescription() : null;
            String performer = detail.getPerformer().stream().map(this::name).collect(Collectors.joining(", "));
            if (performer.isEmpty()) {
                performer = NOT_STATED;
            }
            String decision = null;
            if (showDecision) {
                Extension ext = detail.getExtensionByUrl(EXT_INSATS_DECISION);
                decision = ext != null && ext.getValue() instanceof Coding coding
                        ? Optional.ofNullable(codingText(coding, INSATS_DECISION)).orElse(NOT_STATED)
                        : NOT_STATED;
            }
            String status = label(ACTIVITY_STATUS, detail.hasStatus() ? detail.getStatus().toCode() : null);
            return new PlanView.InsatsRow(what, description, performer, decision, status);
        }

        // ---- care team ----

        private Optional<CareTeam> careTeam() {
            for (Reference ref : plan.getCareTeam()) {
                Optional<Resource> team = resolve(ref).filter(CareTeam.class::isInstance);
                if (team.isPresent()) {
                    return team.map(CareTeam.class::cast);
                }
            }
            return Optional.empty();
        }

        private String careTeamLine(Optional<CareTeam> team) {
            if (team.isPresent()) {
                return team.get().hasName() ? team.get().getName() : null;
            }
            if (plan.hasCareTeam()) {
                return plan.getCareTeam().stream().map(PlanNarrativeGenerator::referenceText)
                        .collect(Collectors.joining(", "));
            }
            return null;
        }

        private List<PlanView.ParticipantRow> participants(CareTeam team) {
            List<Consent> objections = relativeObjections();
            List<PlanView.ParticipantRow> rows = new ArrayList<>();
            for (CareTeamParticipantComponent p : team.getParticipant()) {
                if (hasEnded(p.getPeriod())) {
                    continue; // no longer in the planning group (for relatives: e.g. after an objection)
                }
                boolean relative = p.getRole().stream().anyMatch(r -> hasCode(r, CS_PARTICIPANT_ROLE, ROLE_RELATIVE));
                if (relative && objections.stream().anyMatch(c -> covers(c, p.getMember()))) {
                    continue; // the person objects to this relative taking part
                }
                String role = p.getRole().stream().map(r -> conceptText(r, PARTICIPANT_ROLE))
                        .filter(Objects::nonNull).findFirst().orElse(NOT_STATED);
                String name = p.hasMember() ? name(p.getMember()) : NOT_STATED;
                String onBehalfOf = p.hasOnBehalfOf() ? name(p.getOnBehalfOf()) : practitionerRoleOrganization(p.getMember());
                rows.add(new PlanView.ParticipantRow(name, role, onBehalfOf));
            }
            return rows;
        }

        private boolean hasEnded(Period period) {
            return period != null && period.hasEnd() && period.getEnd().before(now);
        }

        /** Active relative-participation denials the plan references, plus those the caller gave. */
        private List<Consent> relativeObjections() {
            List<Consent> all = new ArrayList<>(extraConsents);
            for (Reference ref : plan.getSupportingInfo()) {
                resolve(ref).filter(Consent.class::isInstance).map(Consent.class::cast).ifPresent(all::add);
            }
            return all.stream()
                    .filter(c -> c.getStatus() == Consent.ConsentState.ACTIVE)
                    .filter(c -> c.getCategory().stream().anyMatch(cc -> hasCode(cc, CS_CONSENT_CATEGORY, CONSENT_RELATIVE_PARTICIPATION)))
                    .filter(c -> c.getProvision().getType() == Consent.ConsentProvisionType.DENY)
                    .filter(c -> subjectMatches(c.getPatient()))
                    .toList();
        }

        private boolean subjectMatches(Reference consentPatient) {
            if (!plan.hasSubject() || consentPatient == null || !consentPatient.hasReference()) {
                return true; // cannot tell: err on the side of the objection
            }
            return sameReference(plan.getSubject(), consentPatient);
        }

        private boolean covers(Consent consent, Reference member) {
            List<Consent.provisionActorComponent> actors = consent.getProvision().getActor();
            if (actors.isEmpty()) {
                return true; // no actor: covers all relatives
            }
            return actors.stream().anyMatch(a -> a.hasReference() && sameReference(a.getReference(), member));
        }

        private String practitionerRoleOrganization(Reference member) {
            return resolve(member).filter(PractitionerRole.class::isInstance).map(PractitionerRole.class::cast)
                    .filter(PractitionerRole::hasOrganization).map(pr -> name(pr.getOrganization())).orElse(null);
        }

        // ---- goals ----

        private String goal(Reference ref) {
            Optional<Goal> goal = resolve(ref).filter(Goal.class::isInstance).map(Goal.class::cast);
            if (goal.isPresent()) {
                String text = conceptText(goal.get().getDescription(), Map.of());
                if (text != null) {
                    return text;
                }
            }
            return referenceText(ref);
        }

        // ---- resolution and naming ----

        private Optional<Resource> resolve(Reference ref) {
            if (ref == null || ref.isEmpty()) {
                return Optional.empty();
            }
            if (ref.getResource() instanceof Resource r) {
                return Optional.of(r);
            }
            String reference = ref.getReference();
            if (reference != null && reference.startsWith("#")) {
                String id = reference.substring(1);
                for (Resource contained : plan.getContained()) {
                    String cid = contained.getIdElement().getIdPart();
                    if (id.equals(cid) || reference.equals(contained.getId())) {
                        return Optional.of(contained);
                    }
                }
            }
            if (resolver == null) {
                return Optional.empty();
            }
            try {
                Optional<? extends Resource> found = resolver.apply(ref);
                return found == null ? Optional.empty() : found.map(Resource.class::cast);
            } catch (RuntimeException e) {
                // The narrative must never fail a write: fall back to the reference's own text.
                return Optional.empty();
            }
        }

        /** The name of the referenced resource, or the reference's display, or the reference string. */
        private String name(Reference ref) {
            return resolve(ref).map(this::resourceName).orElseGet(() -> referenceText(ref));
        }

        private String resourceName(Resource resource) {
            String name = null;
            if (resource instanceof Organization o) {
                name = o.hasName() ? o.getName() : null;
            } else if (resource instanceof Patient p) {
                name = humanName(p.getName());
            } else if (resource instanceof RelatedPerson rp) {
                name = humanName(rp.getName());
            } else if (resource instanceof Practitioner pr) {
                name = humanName(pr.getName());
            } else if (resource instanceof PractitionerRole role) {
                name = role.hasPractitioner() ? name(role.getPractitioner())
                        : role.getCode().stream().map(c -> conceptText(c, Map.of())).filter(Objects::nonNull)
                        .findFirst().orElse(null);
            } else if (resource instanceof CareTeam team) {
                name = team.hasName() ? team.getName() : null;
            }
            if (name == null || name.isBlank()) {
                String id = resource.getIdElement().toUnqualifiedVersionless().getValue();
                return id == null || id.isBlank() ? resource.fhirType() : id;
            }
            return name;
        }

        private static String humanName(List<HumanName> names) {
            HumanName chosen = names.stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL).findFirst()
                    .orElse(names.stream().filter(n -> n.getUse() != HumanName.NameUse.OLD).findFirst().orElse(null));
            if (chosen == null) {
                return null;
            }
            String s = chosen.getNameAsSingleString();
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    // ---- helpers without state ----

    static String referenceText(Reference ref) {
        if (ref == null) {
            return NOT_STATED;
        }
        if (ref.hasDisplay()) {
            return ref.getDisplay();
        }
        if (ref.hasReference()) {
            return ref.getReference();
        }
        if (ref.hasIdentifier() && ref.getIdentifier().hasValue()) {
            return ref.getIdentifier().getValue();
        }
        return NOT_STATED;
    }

    static boolean sameReference(Reference a, Reference b) {
        if (a == null || b == null || !a.hasReference() || !b.hasReference()) {
            return false;
        }
        return normalise(a.getReference()).equals(normalise(b.getReference()));
    }

    private static String normalise(String reference) {
        if (reference.startsWith("urn:") || reference.startsWith("#")) {
            return reference;
        }
        org.hl7.fhir.r4.model.IdType id = new org.hl7.fhir.r4.model.IdType(reference);
        return id.hasResourceType() ? id.getResourceType() + "/" + id.getIdPart() : reference;
    }

    static boolean hasCode(CodeableConcept concept, String system, String code) {
        return concept != null && concept.getCoding().stream()
                .anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
    }

    /** code.text, else the first coding's display, else a known label of a code, else the first code. */
    static String conceptText(CodeableConcept concept, Map<String, String> labels) {
        if (concept == null || concept.isEmpty()) {
            return null;
        }
        if (concept.hasText() && !concept.getText().isBlank()) {
            return concept.getText();
        }
        for (Coding coding : concept.getCoding()) {
            if (coding.hasDisplay() && !coding.getDisplay().isBlank()) {
                return coding.getDisplay();
            }
        }
        for (Coding coding : concept.getCoding()) {
            String text = codingText(coding, labels);
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    /** An insats: code.text, else a display, else the 9 § LSS label of an {@code lss-insats} code, else a code. */
    static String insatsText(CodeableConcept code) {
        if (code == null || code.isEmpty()) {
            return null;
        }
        if (code.hasText() && !code.getText().isBlank()) {
            return code.getText();
        }
        for (Coding coding : code.getCoding()) {
            if (coding.hasDisplay() && !coding.getDisplay().isBlank()) {
                return coding.getDisplay();
            }
        }
        for (Coding coding : code.getCoding()) {
            if (CS_LSS_INSATS.equals(coding.getSystem()) && LSS_INSATS.containsKey(coding.getCode())) {
                return LSS_INSATS.get(coding.getCode());
            }
        }
        return conceptText(code, Map.of());
    }

    static String codingText(Coding coding, Map<String, String> labels) {
        if (coding == null) {
            return null;
        }
        if (coding.hasDisplay() && !coding.getDisplay().isBlank()) {
            return coding.getDisplay();
        }
        if (coding.hasCode()) {
            return labels.getOrDefault(coding.getCode(), coding.getCode());
        }
        return null;
    }

    static String label(Map<String, String> labels, String code) {
        if (code == null) {
            return NOT_STATED;
        }
        return labels.getOrDefault(code, code);
    }

    /** The date part (yyyy-MM-dd, or coarser) of a date/dateTime, or of an extension holding one. */
    static String date(Object holder) {
        Type value = holder instanceof Extension ext ? ext.getValue() : holder instanceof Type t ? t : null;
        if (value instanceof BaseDateTimeType dt && dt.hasValue()) {
            String s = dt.getValueAsString();
            return s.length() > 10 ? s.substring(0, 10) : s;
        }
        return null;
    }
}
