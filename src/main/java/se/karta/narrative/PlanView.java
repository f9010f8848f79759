package se.karta.narrative;

import java.util.List;

/**
 * View model of one plan's narrative: plain, already-labelled strings, so the template holds no
 * FHIR logic. {@code null} means "not stated" and the template leaves the line out.
 *
 * @param personName        the person's name (or the subject reference's display/reference)
 * @param planType          e.g. "Samordnad individuell plan (SIP)"
 * @param legalBases        display of each {@code legal-basis} coding
 * @param status            Swedish label of {@code CarePlan.status}
 * @param periodStart       date the plan was established
 * @param periodEnd         end date, if any
 * @param overallResponsibility name of the organisation with overall responsibility
 * @param author            name of the principal that drew the plan up
 * @param participation     the person's participation
 * @param personkrets       LSS personkrets
 * @param showDecision      whether the insats table has a "Beslutad/planerad" column (lss-ip)
 * @param insatser          one row per activity
 * @param careTeam          name of the care team (or its reference when it cannot be resolved)
 * @param participants      current, shown participants of the care team
 * @param goals             description of each goal
 * @param lastReviewed      {@code review.lastReviewed}
 * @param nextReview        {@code review.nextReview}
 */
public record PlanView(
        String personName,
        String planType,
        List<String> legalBases,
        String status,
        String periodStart,
        String periodEnd,
        String overallResponsibility,
        String author,
        String participation,
        String personkrets,
        boolean showDecision,
        List<InsatsRow> insatser,
        String careTeam,
        List<ParticipantRow> participants,
        List<String> goals,
        String lastReviewed,
        String nextReview) {

    public PlanView {
        legalBases = List.copyOf(legalBases);
        insatser = List.copyOf(insatser);
        participants = List.copyOf(participants);
        goals = List.copyOf(goals);
    }

    /**
     * One insats (CarePlan.activity).
     *
     * @param insats      code.text or a coding's display
     * @param description activity.detail.description, if any
     * @param performer   the organisation(s) answering for it
     * @param decision    "Beslutad"/"Planerad" (lss-ip), else null
     * @param status      Swedish label of activity.detail.status
     */
    public record InsatsRow(String insats, String description, String performer, String decision, String status) {
    }

    /**
     * One member of the planning group (CareTeam.participant).
     *
     * @param name       the member's name
     * @param role       Swedish label of the participant role
     * @param onBehalfOf the organisation the member represents, if any
     */
    public record ParticipantRow(String name, String role, String onBehalfOf) {
    }
}
