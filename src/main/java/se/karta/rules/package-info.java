/**
 * Karta's legal rules (CONTRACT section 4): the rule engine API ({@link se.karta.rules.LegalRule},
 * {@link se.karta.rules.RuleViolation}, {@link se.karta.rules.RuleContext}), the rule classes themselves
 * (one {@code @Component} class per rule, in this package or a subpackage), their discovery
 * ({@link se.karta.rules.RuleRegistry}) and the published {@code rule} CodeSystem
 * ({@link se.karta.rules.RuleCodeSystem}).
 *
 * <p>This package owns rule semantics only. It does not touch the database or HAPI's interceptor
 * framework: the server wires {@link se.karta.rules.RuleRegistry#check} into its storage interceptors
 * and {@code $validate}, and supplies a {@link se.karta.rules.RuleContext} that sees both the resources
 * of the current request and the stored ones.
 */
package se.karta.rules;
