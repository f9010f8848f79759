package se.karta.workflow.consent;

import se.karta.rules.InMemoryRuleContext;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import se.karta.terms.KartaTerms;
import se.karta.rules.PlanSupport;
import se.karta.rules.References;
import se.karta.workflow.tasks.StoredResources;

/**
 * HSL 16 kap. 4 § st 2, SoL 2 kap. 7 § st 2: when the person objects to relatives taking part (an active
 * {@code relative-participation} Consent with {@code provision.type} deny), the participation of every
 * covered relative (role {@code relative}; all relatives when the objection names no
 * {@code provision.actor}, else only the actors) in the person's stored care teams ends, in the same
 * database transaction as the objection. The objection itself is always stored.
 *
 * <p>{@code participant.period.end} becomes the objection's {@code dateTime}; when that is absent, not yet
 * passed, or a date-only value for today (which {@code PLAN-RELATIVES} counts as still current), it
 * becomes now. The care teams are updated through HAPI's DAO, so they pass enforcement like any write.
 */
@Interceptor
public class RelativeObjectionInterceptor {


	private final DaoRegistry daoRegistry;
	private final StoredResources stored;

	public RelativeObjectionInterceptor(DaoRegistry daoRegistry, StoredResources stored) {
		this.daoRegistry = daoRegistry;
		this.stored = stored;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		if (resource instanceof Consent consent && isObjection(consent)) {
			endCoveredRelatives(consent);
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		created(resource);
	}

	static boolean isObjection(Consent consent) {
		return consent.getStatus() == Consent.ConsentState.ACTIVE
				&& PlanSupport.hasCoding(consent.getCategory(), KartaTerms.CS_CONSENT_CATEGORY,
						KartaTerms.CONSENT_RELATIVE_PARTICIPATION)
				&& consent.getProvision().getType() == Consent.ConsentProvisionType.DENY;
	}

	private void endCoveredRelatives(Consent objection) {
		if (!objection.hasPatient() || !objection.getPatient().hasReference()) {
			return;
		}
		SearchParameterMap map = new SearchParameterMap();
		map.add(CareTeam.SP_SUBJECT, new ReferenceParam(objection.getPatient().getReference()));
		Instant now = Instant.now();
		for (CareTeam team : stored.search(CareTeam.class, map)) {
			boolean changed = false;
			for (CareTeam.CareTeamParticipantComponent participant : team.getParticipant()) {
				if (isRelative(participant) && isCurrent(participant, now) && covers(objection, participant.getMember())) {
					participant.getPeriod().setEndElement(end(objection, now));
					changed = true;
				}
			}
			if (changed) {
				daoRegistry.getResourceDao(CareTeam.class).update(team, new SystemRequestDetails());
			}
		}
	}

	private static boolean isRelative(CareTeam.CareTeamParticipantComponent participant) {
		return PlanSupport.hasCoding(participant.getRole(), KartaTerms.CS_PARTICIPANT_ROLE, KartaTerms.ROLE_RELATIVE);
	}

	private static boolean covers(Consent objection, Reference member) {
		List<Consent.provisionActorComponent> actors = objection.getProvision().getActor();
		return actors.isEmpty() || actors.stream().anyMatch(a -> References.same(a.getReference(), member));
	}

	private static boolean isCurrent(CareTeam.CareTeamParticipantComponent participant, Instant now) {
		return !participant.getPeriod().hasEnd() || !hasPassed(participant.getPeriod().getEndElement(), now);
	}

	/** As {@code PLAN-RELATIVES} reads an end: a date-only value covers its whole day. */
	private static boolean hasPassed(DateTimeType end, Instant now) {
		TemporalPrecisionEnum precision = end.getPrecision();
		if (precision.ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
			LocalDate first = LocalDate.of(end.getYear(), end.getMonth() + 1, 1);
			LocalDate last = switch (precision) {
				case YEAR -> LocalDate.of(end.getYear(), 12, 31);
				case MONTH -> first.withDayOfMonth(first.lengthOfMonth());
				default -> first.withDayOfMonth(end.getDay());
			};
			return last.isBefore(LocalDate.ofInstant(now, InMemoryRuleContext.SWEDEN));
		}
		return !end.getValue().toInstant().isAfter(now);
	}

	/** The objection's dateTime when it has passed, else now. */
	private static DateTimeType end(Consent objection, Instant now) {
		DateTimeType given = objection.getDateTimeElement();
		if (given != null && given.hasValue() && hasPassed(given, now)) {
			return given.copy();
		}
		return new DateTimeType(Date.from(now), TemporalPrecisionEnum.SECOND);
	}
}
