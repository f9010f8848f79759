/**
 * SIP rules (samordnad individuell plan, HSL 16 kap. 4 §, SoL 2 kap. 7 §): consent, withdrawn consent, principals, duty to participate.
 * One {@code @Component} class per rule, discovered by {@link se.karta.rules.RuleRegistry}.
 */
package se.karta.rules.sip;
