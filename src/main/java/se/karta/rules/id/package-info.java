/**
 * Identifier rules: personnummer/samordningsnummer on Patient, HSA-id/organisationsnummer on Organization (checks in se.karta.identifiers).
 * One {@code @Component} class per rule, discovered by {@link se.karta.rules.RuleRegistry}.
 */
package se.karta.rules.id;
