/**
 * captrack's event contracts: one immutable record per event type, the CloudEvents binding used on
 * Kafka, and the typed catalogue of topics. The JSON Schemas under {@code captrack/schemas/} and
 * the AsyncAPI document {@code captrack/asyncapi.yaml} are the normative form; the records are
 * checked against them in tests.
 */
package io.captrack.schemas;
