package se.karta.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which HAPI beans belong to which resource type, and which types an operator may add. */
class StoredResourceTypesTest {

	@Test
	void hapiDaoAndProviderBeansAreKnownByTheirResourceType() {
		assertThat(StoredResourceTypes.hapiResourceBeanType("myCarePlanDaoR4")).isEqualTo("CarePlan");
		assertThat(StoredResourceTypes.hapiResourceBeanType("myObservationRpR4")).isEqualTo("Observation");
		assertThat(StoredResourceTypes.hapiResourceBeanType("mySystemDaoR4")).as("the system DAO stays").isNull();
		assertThat(StoredResourceTypes.hapiResourceBeanType("daoRegistry")).isNull();
	}

	@Test
	void anOperatorMayAddR4Types() {
		assertThat(StoredResourceTypes.of(List.of("Observation")))
				.contains("Observation")
				.containsAll(StoredResourceTypes.KARTA_TYPES)
				.doesNotContain("AuditEvent", "MedicationRequest");
	}

	@Test
	void butNotTheAuditTrailNorUnknownTypes() {
		assertThatThrownBy(() -> StoredResourceTypes.of(List.of("AuditEvent"))).hasMessageContaining("audit trail");
		assertThatThrownBy(() -> StoredResourceTypes.of(List.of("Observaton"))).hasMessageContaining("not an R4 resource type");
	}
}
