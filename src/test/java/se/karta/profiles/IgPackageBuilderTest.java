package se.karta.profiles;

import se.karta.terms.KartaTerms;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Generated conformance resources (such as the rule CodeSystem of se.karta.rules) end up in the package. */
class IgPackageBuilderTest {

	/** Stands in for {@code se.karta.rules.RuleCodeSystem}. */
	public static final class FakeRuleCodeSystem {
		public static CodeSystem build() {
			CodeSystem rule = new CodeSystem();
			rule.setUrl(KartaTerms.CS + "rule");
			rule.setVersion("0.1.0");
			rule.setName("Rule");
			rule.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
			rule.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
			rule.addConcept().setCode("SIP-CONSENT").setDisplay("Samtycke till SIP saknas");
			return rule;
		}
	}

	@Test
	void generatedCodeSystemIsPackagedWithItsValueSet(@TempDir Path target) throws Exception {
		Path built = new IgPackageBuilder(Examples.FHIR, Path.of("."), target,
				List.of(FakeRuleCodeSystem.class.getName(), "se.karta.does.not.Exist")).build();

		assertThat(built).isEqualTo(target.resolve("classes/ig/package.tgz"));
		assertThat(target.resolve("se.karta.fhir-0.1.0.tgz")).exists();
		KartaPackage kartaPackage = KartaPackage.load(Examples.FHIR, Files.readAllBytes(built));
		assertThat(kartaPackage.getCodeSystems()).extracting(CodeSystem::getIdPart).contains("rule");
		assertThat(kartaPackage.getValueSets()).filteredOn(vs -> "rule".equals(vs.getIdPart()))
				.singleElement()
				.satisfies(vs -> assertThat(vs.getCompose().getIncludeFirstRep().getSystem())
						.isEqualTo(KartaTerms.CS + "rule"));
		assertThat(kartaPackage.getValueSets()).extracting(ValueSet::getUrl)
				.contains(KartaTerms.VS + "rule");
	}
}
