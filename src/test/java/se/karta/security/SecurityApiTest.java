package se.karta.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.karta.security.audit.AuditRecorder;
import se.karta.support.ExampleWorld;
import se.karta.support.FhirHttp;
import se.karta.support.FhirHttp.Response;
import se.karta.support.Fixtures;
import se.karta.support.KartaApiTest;
import se.karta.support.TestTokens;

/**
 * The attack suite of issue 6 over HTTP with real signed tokens: every side door tried by an outside
 * organisation, a care-team member without consent, a second patient, bad tokens, wrong scopes,
 * after consent withdrawal and by a relative the person objected to; each denied or narrowed, and
 * audited. The allowed paths work for the right organisation and the person.
 */
class SecurityApiTest extends KartaApiTest {

	static final String REGION = Fixtures.REGION_HSA;
	static final String KOMMUN = Fixtures.KOMMUN_HSA;
	static final String FK = Fixtures.FK_HSA;
	static final String OUTSIDER = Fixtures.OUTSIDER_HSA;
	static final String ALL = "user/*.read user/*.write";

	@Autowired
	AuditRecorder audit;

	ExampleWorld sip;
	String plan;
	String patient;
	String team;

	@BeforeEach
	void world() {
		Response stored = http().post("/fhir", ExampleWorld.transaction(ExampleWorld.SIP));
		assertThat(stored.status()).as(stored.body()).isEqualTo(200);
		sip = ExampleWorld.stored(http(), stored.bundle());
		plan = "CarePlan/" + sip.plan().getIdElement().getIdPart();
		patient = "Patient/" + sip.patient().getIdElement().getIdPart();
		team = "CareTeam/" + sip.team().getIdElement().getIdPart();
		Fixtures.outsider(http());
	}

	FhirHttp as(String token) {
		return http().withToken(token);
	}

	FhirHttp staff(String hsa) {
		return as(TestTokens.staff(hsa, ALL));
	}

	int denials() {
		audit.flush();
		return http().get("/fhir/AuditEvent?outcome=4&_summary=count").bundle().getTotal();
	}

	void assertDeniedAndAudited(Response response, int status, int deniedBefore) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.outcome().getIssueFirstRep().getDetails().getText()).isNotBlank();
		assertThat(denials()).as("an AuditEvent for the denied attempt").isGreaterThan(deniedBefore);
	}

	@Test
	void withoutValidTokenIs401AndAudited() {
		int before = denials();
		assertDeniedAndAudited(http().anonymous().get("/fhir/" + plan), 401, before);
		Map<String, Object> claims = Map.of("scope", ALL, "organization", REGION, "sub", "x");
		before = denials();
		assertDeniedAndAudited(as(TestTokens.expired(claims)).get("/fhir/" + plan), 401, before);
		before = denials();
		assertDeniedAndAudited(as(TestTokens.foreign(claims)).get("/fhir/" + plan), 401, before);
		assertThat(http().anonymous().get("/fhir/metadata").status()).isEqualTo(200);
		assertThat(http().anonymous().get("/fhir/metadata").body()).contains("SMART-on-FHIR");
	}

	@Test
	void wrongScopeIs403() {
		int before = denials();
		Response response = as(TestTokens.staff(REGION, "user/Organization.read")).get("/fhir/" + plan);
		assertDeniedAndAudited(response, 403, before);
		assertThat(response.outcome().getIssueFirstRep().getDiagnostics()).contains("scope");
		before = denials();
		assertDeniedAndAudited(as(TestTokens.staff(REGION, "user/*.read")).put("/fhir/" + plan, sip.plan()), 403, before);
	}

	@Test
	void careTeamMembersCoveredByConsentReadAndWrite() {
		for (String hsa : new String[] {REGION, KOMMUN}) {
			FhirHttp member = staff(hsa);
			assertThat(member.get("/fhir/" + plan).status()).isEqualTo(200);
			assertThat(member.get("/fhir/" + team).status()).isEqualTo(200);
			assertThat(member.get("/fhir/" + patient).status()).isEqualTo(200);
			Bundle found = member.get("/fhir/CarePlan?subject=" + patient + "&_include=CarePlan:care-team"
					+ "&_revinclude=Task:focus").bundle();
			assertThat(found.getTotal()).isEqualTo(1);
			assertThat(found.getEntry()).anyMatch(e -> e.getResource() instanceof org.hl7.fhir.r4.model.CareTeam);
		}
		CarePlan changed = sip.plan().copy();
		changed.setDescription("Uppdaterad av regionen");
		Response update = staff(REGION).put("/fhir/" + plan, changed);
		assertThat(update.status()).as(update.body()).isEqualTo(200);
	}

	@Test
	void outsiderAndUncoveredMemberAreDeniedOrNarrowedAtEverySideDoor() {
		for (String hsa : new String[] {OUTSIDER, FK}) {
			FhirHttp other = staff(hsa);
			int before = denials();
			assertDeniedAndAudited(other.get("/fhir/" + plan), 403, before);
			assertThat(other.get("/fhir/" + plan + "/_history/1").status()).isEqualTo(403);
			assertThat(other.get("/fhir/" + plan + "/_history").status()).isEqualTo(403);
			assertThat(other.get("/fhir/" + team).status()).isEqualTo(403);
			assertThat(other.get("/fhir/" + patient).status()).isEqualTo(403);
			assertThat(other.get("/fhir/" + sip.consent().getIdElement().toUnqualifiedVersionless().getValue())
					.status()).isEqualTo(403);
			// searches are narrowed in the query: nothing found, nothing counted, nothing included
			Bundle search = other.get("/fhir/CarePlan?subject=" + patient + "&_include=CarePlan:care-team"
					+ "&_revinclude=Task:focus").bundle();
			assertThat(search.getTotal()).isZero();
			assertThat(search.getEntry()).isEmpty();
			assertThat(other.get("/fhir/CarePlan?_id=" + sip.plan().getIdElement().getIdPart()).status()).isEqualTo(403);
			assertThat(other.get("/fhir/Patient?identifier=" + sip.patient().getIdentifierFirstRep().getSystem()
					+ "|" + sip.patient().getIdentifierFirstRep().getValue()).bundle().getTotal()).isZero();
			assertThat(other.get("/fhir/CarePlan?subject.identifier="
					+ sip.patient().getIdentifierFirstRep().getValue()).bundle().getTotal()).isZero();
			assertThat(other.get("/fhir/Consent?patient=" + patient).bundle().getTotal()).isZero();
			assertThat(other.get("/fhir/Goal").bundle().getTotal()).isZero();
			before = denials();
			assertDeniedAndAudited(other.get("/fhir/Patient?_has:CarePlan:subject:status=active"), 403, before);
			assertThat(other.get("/fhir/CarePlan/_history").status()).isEqualTo(403);
			assertThat(other.get("/fhir/_history").status()).isEqualTo(403);
			assertThat(other.get("/fhir/" + patient + "/$everything").status()).isEqualTo(403);
			assertThat(other.post("/fhir/" + plan + "/$validate", "{\"resourceType\":\"Parameters\"}", Map.of())
					.status()).isEqualTo(403);
			assertThat(other.put("/fhir/" + plan, sip.plan()).status()).isEqualTo(403);
			assertThat(other.delete("/fhir/" + plan).status()).isEqualTo(403);
			// transaction/batch GETs are narrowed or denied like single requests
			Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
			batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(plan);
			batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("CarePlan?subject=" + patient);
			Response batchResponse = other.post("/fhir", batch);
			assertThat(batchResponse.body()).doesNotContain("\"resourceType\": \"CarePlan\"");
		}
	}

	@Test
	void pagingLinksDoNotLeak() {
		Bundle page = http().get("/fhir/CarePlan?_count=1").bundle();
		assertThat(page.getLink("next")).isNotNull();
		Response next = staff(OUTSIDER).get(page.getLink("next").getUrl().replaceAll("^https?://[^/]+", ""));
		assertThat(next.status()).isEqualTo(403);
	}

	@Test
	void outsiderCannotCreateAPlanInSomeoneElsesCareTeam() {
		CarePlan copy = sip.plan().copy();
		copy.setId((String) null);
		int before = denials();
		assertDeniedAndAudited(staff(OUTSIDER).post("/fhir/CarePlan", copy), 403, before);
	}

	@Test
	void patientSeesOnlyOwnPlansReadOnly() {
		FhirHttp person = as(TestTokens.patient(sip.patient().getIdElement().getIdPart()));
		assertThat(person.get("/fhir/" + plan).status()).isEqualTo(200);
		assertThat(person.get("/fhir/CarePlan").bundle().getEntry())
				.allMatch(e -> ((CarePlan) e.getResource()).getSubject().getReference().equals(patient));
		assertThat(person.put("/fhir/" + plan, sip.plan()).status()).isEqualTo(403);
		String otherPatient = http().post("/fhir/Patient", Fixtures.patient("200001012384", "Annan")).createdId();
		FhirHttp second = as(TestTokens.patient(otherPatient));
		int before = denials();
		assertDeniedAndAudited(second.get("/fhir/" + plan), 403, before);
		assertThat(second.get("/fhir/CarePlan?subject=" + patient).bundle().getTotal()).isZero();
	}

	@Test
	void afterWithdrawalOnlyTheOverallResponsibleReads() {
		Consent consent = sip.consent().copy();
		consent.setStatus(Consent.ConsentState.INACTIVE);
		Response withdrawn = http().put("/fhir/Consent/" + consent.getIdElement().getIdPart(), consent);
		assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
		int before = denials();
		assertDeniedAndAudited(staff(REGION).get("/fhir/" + plan), 403, before);
		assertThat(staff(REGION).get("/fhir/CarePlan?subject=" + patient).bundle().getTotal()).isZero();
		assertThat(staff(KOMMUN).get("/fhir/" + plan).status()).isEqualTo(200);
	}

	@Test
	void relativeThePersonObjectedToIsDenied() {
		Response stored = http().post("/fhir", ExampleWorld.transaction(ExampleWorld.LSS));
		assertThat(stored.status()).as(stored.body()).isEqualTo(200);
		ExampleWorld lss = ExampleWorld.stored(http(), stored.bundle());
		String lssPlan = "CarePlan/" + lss.plan().getIdElement().getIdPart();
		FhirHttp relative = as(TestTokens.relatedPerson(lss.relatedPerson().getIdElement().getIdPart()));
		assertThat(relative.get("/fhir/" + lssPlan).status()).isEqualTo(200);
		assertThat(relative.put("/fhir/" + lssPlan, lss.plan()).status()).isEqualTo(403);

		Consent objection = new Consent();
		objection.setStatus(Consent.ConsentState.ACTIVE);
		objection.setScope(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)));
		objection.addCategory(new CodeableConcept(new Coding(Fixtures.cs("consent-category"), "relative-participation", null)));
		objection.setPatient(new Reference("Patient/" + lss.patient().getIdElement().getIdPart()));
		objection.setDateTime(new java.util.Date());
		objection.addPerformer(objection.getPatient());
		objection.addOrganization(lss.ref(lss.organization("kommun")));
		objection.setPolicyRule(new CodeableConcept(new Coding(Fixtures.cs("legal-basis"), "lss-10", null)));
		objection.getProvision().setType(Consent.ConsentProvisionType.DENY);
		Response objected = http().post("/fhir/Consent", objection);
		assertThat(objected.status()).as(objected.body()).isEqualTo(201);

		int before = denials();
		assertDeniedAndAudited(relative.get("/fhir/" + lssPlan), 403, before);
	}

	@Test
	void everyAccessIsAuditedAndAuditEventsAreReadOnly() {
		staff(REGION).get("/fhir/" + plan);
		audit.flush();
		Bundle events = http().get("/fhir/AuditEvent?entity=" + plan + "&_count=50").bundle();
		assertThat(events.getEntry()).isNotEmpty();
		assertThat(http().get("/fhir/AuditEvent?agent:identifier=" + REGION).bundle().getEntry()).isNotEmpty();
		String id = events.getEntryFirstRep().getResource().getIdElement().getIdPart();
		assertThat(staff(REGION).get("/fhir/AuditEvent/" + id).status()).isEqualTo(403);
		assertThat(staff(REGION).get("/fhir/AuditEvent").status()).isEqualTo(403);
		assertThat(as(TestTokens.staff(REGION, "user/*.read karta-audit")).get("/fhir/AuditEvent/" + id).status())
				.isEqualTo(200);
		// not even an administrator may change them (AuditTrailApiTest)
		assertThat(http().delete("/fhir/AuditEvent/" + id).status()).isEqualTo(405);
		assertThat(http().put("/fhir/AuditEvent/" + id, events.getEntryFirstRep().getResource()).status())
				.isEqualTo(405);
	}
}
