package fr.vigie.routes.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.junit.jupiter.api.Test;

class FhirWriterTest {

    private static final String FINESS = "https://finess.esante.gouv.fr";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.500Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void classifiesEntriesFromTransactionResponse() {
        FakeClient client = new FakeClient(request -> response(
                entry("201 Created", NOW.plusMillis(5)),
                entry("200 OK", Instant.parse("2025-12-01T08:00:00Z")),
                entry("200 OK", NOW.plusMillis(7))));
        ImportProgress progress = progress();
        ImportWriter.Session session = new FhirWriter(client, 200, CLOCK).open(progress);

        session.write(RowRef.line(2), List.of(location("010000024")));
        session.write(RowRef.line(3), List.of(location("010000032")));
        session.write(RowRef.line(4), List.of(location("010000040")));
        assertThat(client.requests).isEmpty();
        session.flush();

        ImportReport report = progress.complete();
        assertThat(report.created()).isEqualTo(1);
        assertThat(report.unchanged()).isEqualTo(1);
        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.rowsRead()).isEqualTo(3);
        assertThat(report.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(client.requests).hasSize(1);
        Bundle sent = client.requests.get(0);
        assertThat(sent.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(sent.getEntryFirstRep().getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
        assertThat(sent.getEntryFirstRep().getRequest().getUrl())
                .isEqualTo("Location?identifier=https://finess.esante.gouv.fr|010000024");
        assertThat(sent.getEntryFirstRep().getFullUrl()).startsWith("urn:uuid:");
    }

    @Test
    void hapiNoChangeOutcomeCountsAsUnchangedWithoutLastModified() {
        Bundle.BundleEntryResponseComponent noChange = new Bundle.BundleEntryResponseComponent().setStatus("200 OK");
        org.hl7.fhir.r4.model.OperationOutcome outcome = new org.hl7.fhir.r4.model.OperationOutcome();
        outcome.addIssue()
                .getDetails()
                .addCoding()
                .setSystem(FhirWriter.HAPI_STORAGE_RESPONSE_CODES)
                .setCode("SUCCESSFUL_UPDATE_WITH_CONDITIONAL_MATCH_NO_CHANGE");
        noChange.setOutcome(outcome);
        assertThat(FhirWriter.outcome(noChange, NOW)).isEqualTo(RowOutcome.UNCHANGED);

        Bundle.BundleEntryResponseComponent changed = new Bundle.BundleEntryResponseComponent().setStatus("200 OK");
        org.hl7.fhir.r4.model.OperationOutcome updatedOutcome = new org.hl7.fhir.r4.model.OperationOutcome();
        updatedOutcome
                .addIssue()
                .getDetails()
                .addCoding()
                .setSystem(FhirWriter.HAPI_STORAGE_RESPONSE_CODES)
                .setCode("SUCCESSFUL_UPDATE_WITH_CONDITIONAL_MATCH");
        changed.setOutcome(updatedOutcome);
        assertThat(FhirWriter.outcome(changed, NOW)).isEqualTo(RowOutcome.UPDATED);
    }

    @Test
    void missingLastModifiedCountsAsUpdatedAndSecondPrecisionIsCompared() {
        Bundle.BundleEntryResponseComponent noDate = new Bundle.BundleEntryResponseComponent().setStatus("200 OK");
        Bundle.BundleEntryResponseComponent sameSecond = new Bundle.BundleEntryResponseComponent()
                .setStatus("200 OK")
                .setLastModifiedElement(new InstantType(Date.from(NOW), TemporalPrecisionEnum.SECOND));

        assertThat(FhirWriter.outcome(noDate, NOW)).isEqualTo(RowOutcome.UPDATED);
        assertThat(FhirWriter.outcome(sameSecond, NOW)).isEqualTo(RowOutcome.UPDATED);
    }

    @Test
    void rowOutcomeIsCreatedIfAnyResourceIsCreatedElseUpdatedIfAnyChanged() {
        FakeClient client = new FakeClient(request -> response(
                entry("200 OK", NOW.minusSeconds(60)),
                entry("201 Created", NOW),
                entry("200 OK", NOW.minusSeconds(60)),
                entry("200 OK", NOW.plusMillis(1))));
        ImportProgress progress = progress();
        ImportWriter.Session session = new FhirWriter(client, 200, CLOCK).open(progress);

        session.write(RowRef.line(1), List.of(organization("010000016"), location("010000024")));
        session.write(RowRef.line(2), List.of(organization("010000057"), location("010000065")));
        session.flush();

        ImportReport report = progress.complete();
        assertThat(report.created()).isEqualTo(1);
        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.unchanged()).isZero();
    }

    @Test
    void splitsBatchesWithoutSplittingRows() {
        FakeClient client = new FakeClient(FhirWriterTest::allCreated);
        ImportProgress progress = progress();
        ImportWriter.Session session = new FhirWriter(client, 3, CLOCK).open(progress);

        session.write(RowRef.line(1), List.of(location("1")));
        session.write(RowRef.line(2), List.of(organization("2"), location("2")));
        session.write(RowRef.line(3), List.of(organization("3"), location("3")));
        session.write(RowRef.line(4), List.of(location("4")));
        session.flush();

        assertThat(client.requests)
                .extracting(bundle -> bundle.getEntry().size())
                .containsExactly(3, 3);
        assertThat(progress.complete().created()).isEqualTo(4);
    }

    @Test
    void sendsTheSameIdentifierTwiceInSeparateTransactions() {
        FakeClient client = new FakeClient(FhirWriterTest::allCreated);
        ImportProgress progress = progress();
        ImportWriter.Session session = new FhirWriter(client, 200, CLOCK).open(progress);

        session.write(RowRef.line(1), List.of(location("010000024")));
        session.write(RowRef.line(2), List.of(location("010000032")));
        session.write(RowRef.line(3), List.of(location("010000024")));
        session.flush();

        assertThat(client.requests)
                .extracting(bundle -> bundle.getEntry().size())
                .containsExactly(2, 1);
        assertThat(progress.complete().rowsRead()).isEqualTo(3);
    }

    @Test
    void retriesRefusedBatchRowByRowAndRejectsOnlyBadRows() {
        FakeClient client = new FakeClient(request -> {
            boolean bad = request.getEntry().stream()
                    .anyMatch(e -> ((Location) e.getResource()).getName().equals("bad"));
            if (bad) {
                OperationOutcome outcome = new OperationOutcome();
                outcome.addIssue()
                        .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                        .setDiagnostics("HAPI-1094: Location.status: unknown code 'closed'");
                throw new UnprocessableEntityException("Unprocessable", outcome);
            }
            return allCreated(request);
        });
        ImportProgress progress = progress();
        ImportWriter.Session session = new FhirWriter(client, 200, CLOCK).open(progress);

        session.write(RowRef.line(2), List.of(location("1")));
        session.write(RowRef.line(3), List.of(location("2").setName("bad")));
        session.write(RowRef.line(4), List.of(location("3")));
        session.flush();

        ImportReport report = progress.complete();
        assertThat(client.requests)
                .extracting(bundle -> bundle.getEntry().size())
                .containsExactly(3, 1, 1, 1);
        assertThat(report.created()).isEqualTo(2);
        assertThat(report.rejected())
                .containsExactly(new ImportReport.Rejection(
                        RowRef.line(3), "HAPI-1094: Location.status: unknown code 'closed'"));
        assertThat(report.status()).isEqualTo(ImportStatus.COMPLETED_WITH_REJECTIONS);
    }

    @Test
    void stopsWhenServerCannotBeReached() {
        FakeClient client = new FakeClient(request -> {
            throw new FhirClientConnectionException("Connection refused");
        });
        ImportWriter.Session session = new FhirWriter(client, 200, CLOCK).open(progress());

        session.write(RowRef.line(1), List.of(location("1")));
        session.write(RowRef.line(2), List.of(location("2")));

        assertThatThrownBy(session::flush)
                .isInstanceOf(ImportTargetException.class)
                .hasMessageContaining("Connection refused");
        assertThat(client.requests).hasSize(1);
    }

    @Test
    void stopsWhenServerIsUnavailable() {
        FakeClient client = new FakeClient(request -> {
            throw BaseServerResponseException.newInstance(503, "Service Unavailable");
        });
        ImportWriter.Session session = new FhirWriter(client, 200, CLOCK).open(progress());
        session.write(RowRef.line(1), List.of(location("1")));

        assertThatThrownBy(session::flush).isInstanceOf(ImportTargetException.class);
    }

    @Test
    void rejectsRowsWithoutUsableIdentifierWithoutSendingThem() {
        FakeClient client = new FakeClient(FhirWriterTest::allCreated);
        ImportProgress progress = progress();
        ImportWriter.Session session = new FhirWriter(client, 200, CLOCK).open(progress);

        session.write(RowRef.line(1), List.of(new Location().setName("no identifier")));
        session.write(RowRef.line(2), List.of(organization("1"), new Location().setName("no identifier")));
        Location noSystem = new Location();
        noSystem.addIdentifier().setValue("42");
        session.write(RowRef.line(3), List.of(noSystem));
        session.write(RowRef.line(4), List.of());
        session.write(RowRef.line(5), List.of(location("5"), location("5")));
        session.flush();

        ImportReport report = progress.complete();
        assertThat(client.requests).isEmpty();
        assertThat(report.rejected())
                .extracting(ImportReport.Rejection::reason)
                .containsExactly(
                        "Location resource has no identifier: add one so re-imports stay idempotent",
                        "Location resource has no identifier: add one so re-imports stay idempotent",
                        "Location identifier needs both a system and a value so re-imports stay idempotent",
                        "no resource was mapped from this row",
                        "two resources of this row have the same identifier");
        assertThat(report.rowsRead()).isEqualTo(5);
    }

    @Test
    void escapesSearchSpecialCharactersInIdentifiers() {
        Location location = new Location();
        location.addIdentifier().setSystem("urn:oid:1.2.250").setValue("A|B,C$D\\E F&G");

        assertThat(BusinessIdentifiers.conditionalUrl(location))
                .isEqualTo("Location?identifier=urn:oid:1.2.250|A\\|B\\,C\\$D\\\\E%20F%26G");
    }

    @Test
    void keepsUrnUuidIdsAsFullUrlAndClearsServerIds() {
        FakeClient client = new FakeClient(FhirWriterTest::allCreated);
        ImportWriter.Session session = new FhirWriter(client, 200, CLOCK).open(progress());
        Location withUrn = location("1");
        withUrn.setId("urn:uuid:5b7c1c8e-0b0a-4f3e-9d55-3f1b2f7f0a11");
        Location withServerId = location("2");
        withServerId.setId("Location/123");

        session.write(RowRef.line(1), List.of(withUrn, withServerId));
        session.flush();

        Bundle sent = client.requests.get(0);
        assertThat(sent.getEntry().get(0).getFullUrl()).isEqualTo("urn:uuid:5b7c1c8e-0b0a-4f3e-9d55-3f1b2f7f0a11");
        assertThat(sent.getEntry().get(1).getFullUrl()).startsWith("urn:uuid:");
        assertThat(sent.getEntry().get(1).getResource().getIdElement().isEmpty())
                .isTrue();
    }

    private static ImportProgress progress() {
        return new ImportProgress("test-1", "test", "ndjson", "test.ndjson", CLOCK);
    }

    private static Location location(String finess) {
        Location location = new Location().setName("Hôpital " + finess);
        location.addIdentifier().setSystem(FINESS).setValue(finess);
        return location;
    }

    private static Organization organization(String finess) {
        Organization organization = new Organization().setName("EJ " + finess);
        organization.addIdentifier().setSystem(FINESS).setValue(finess);
        return organization;
    }

    private static Bundle.BundleEntryComponent entry(String status, Instant lastModified) {
        Bundle.BundleEntryComponent entry = new Bundle.BundleEntryComponent();
        entry.getResponse().setStatus(status).setLastModified(Date.from(lastModified));
        return entry;
    }

    private static Bundle response(Bundle.BundleEntryComponent... entries) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        for (Bundle.BundleEntryComponent entry : entries) {
            bundle.addEntry(entry);
        }
        return bundle;
    }

    private static Bundle allCreated(Bundle request) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        request.getEntry().forEach(e -> bundle.addEntry(entry("201 Created", NOW)));
        return bundle;
    }

    /** Records the transactions sent and answers them with a function of the request. */
    private static final class FakeClient implements FhirTransactionClient {

        private final List<Bundle> requests = new ArrayList<>();
        private final Function<Bundle, Bundle> answer;

        FakeClient(Function<Bundle, Bundle> answer) {
            this.answer = answer;
        }

        @Override
        public String baseUrl() {
            return "https://fhir.example.org/fhir";
        }

        @Override
        public Bundle transaction(Bundle transaction) {
            requests.add(transaction);
            return answer.apply(transaction);
        }
    }
}
