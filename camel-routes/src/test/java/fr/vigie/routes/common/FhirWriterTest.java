package fr.vigie.routes.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import fr.vigie.mappings.common.ConditionalUrls;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
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
                .isEqualTo("Location/" + FhirWriter.deterministicId(FINESS, "010000024"));
        assertThat(sent.getEntryFirstRep().getFullUrl()).startsWith("urn:uuid:");
        assertThat(client.lookups).hasSize(1);
        Bundle lookup = client.lookups.get(0);
        assertThat(lookup.getType()).isEqualTo(Bundle.BundleType.BATCH);
        assertThat(lookup.getEntry())
                .allSatisfy(
                        search -> assertThat(search.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.GET));
        assertThat(lookup.getEntry())
                .extracting(search -> search.getRequest().getUrl())
                .containsExactly(
                        "Location?identifier=" + FINESS + "|010000024&_count=3&_offset=0&_elements=identifier",
                        "Location?identifier=" + FINESS + "|010000032&_count=3&_offset=0&_elements=identifier",
                        "Location?identifier=" + FINESS + "|010000040&_count=3&_offset=0&_elements=identifier");
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
        // the second lookup may run before the first transaction is written: both write at the derived id
        assertThat(client.requests.get(1).getEntryFirstRep().getRequest().getUrl())
                .isEqualTo(
                        client.requests.get(0).getEntryFirstRep().getRequest().getUrl())
                .isEqualTo("Location/" + FhirWriter.deterministicId(FINESS, "010000024"));
        assertThat(progress.complete().rowsRead()).isEqualTo(3);
    }

    @Test
    void looksTheNextBatchUpWhileTheServerWritesOne() {
        // the first transaction is answered only once the second batch's lookup has arrived (or after 10 s)
        CountDownLatch secondLookup = new CountDownLatch(2);
        List<Boolean> lookedAhead = new CopyOnWriteArrayList<>();
        FhirTransactionClient client = new FhirTransactionClient() {
            @Override
            public String baseUrl() {
                return "https://fhir.example.org/fhir";
            }

            @Override
            public Bundle transaction(Bundle bundle) {
                if (bundle.getType() == Bundle.BundleType.BATCH) {
                    secondLookup.countDown();
                    Bundle response = new Bundle().setType(Bundle.BundleType.BATCHRESPONSE);
                    for (int i = 0; i < bundle.getEntry().size(); i++) {
                        response.addEntry()
                                .setResource(new Bundle().setType(Bundle.BundleType.SEARCHSET))
                                .getResponse()
                                .setStatus("200 OK");
                    }
                    return response;
                }
                try {
                    lookedAhead.add(secondLookup.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return allCreated(bundle);
            }
        };
        ImportProgress progress = progress();
        ImportWriter.Session session = new FhirWriter(client, 2, CLOCK).open(progress);

        for (int row = 1; row <= 5; row++) {
            session.write(RowRef.line(row), List.of(location("01000000" + row)));
        }
        session.flush();

        assertThat(lookedAhead).hasSize(3).first().isEqualTo(true);
        assertThat(progress.complete().created()).isEqualTo(5);
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

    @Test
    void asksTheServersIdentifierIndexInsteadOfSearching() {
        FakeClient client = new FakeClient(FhirWriterTest::allCreated);
        List<String> asked = new ArrayList<>();
        IdentifierIndex index = (type, identifiers) -> {
            identifiers.forEach(identifier -> asked.add(type + " " + identifier.getValue()));
            return Map.of(
                    ConditionalUrls.token(FINESS, "010000024"), Set.of("42"),
                    ConditionalUrls.token(FINESS, "010000032"), Set.of("7", "8"));
        };
        ImportProgress progress = progress();
        ImportWriter.Session session = new FhirWriter(client, index, 200, CLOCK).open(progress);

        session.write(RowRef.line(1), List.of(location("010000024")));
        session.write(RowRef.line(2), List.of(location("010000032")));
        session.write(RowRef.line(3), List.of(organization("010000040"), location("010000040")));
        session.flush();

        assertThat(client.lookups).isEmpty();
        assertThat(asked)
                .containsExactlyInAnyOrder(
                        "Location 010000024", "Location 010000032", "Location 010000040", "Organization 010000040");
        assertThat(client.requests.get(0).getEntry())
                .extracting(e -> e.getRequest().getUrl())
                .containsExactly(
                        "Location/42",
                        "Organization/" + FhirWriter.deterministicId(FINESS, "010000040"),
                        "Location/" + FhirWriter.deterministicId(FINESS, "010000040"));
        assertThat(progress.complete().rejected())
                .extracting(ImportReport.Rejection::reason)
                .containsExactly("2 Location resources already have identifier " + FINESS
                        + "|010000032: the import cannot tell which to update");
    }

    @Test
    void searchesOverFhirWhenTheIndexCannotAnswer() {
        FakeClient client = new FakeClient(FhirWriterTest::allCreated).store(location("010000024"), "42");
        IdentifierIndex index = (type, identifiers) -> {
            throw new IdentifierIndex.UnavailableException("partitioning is enabled", null);
        };
        ImportWriter.Session session = new FhirWriter(client, index, 200, CLOCK).open(progress());

        session.write(RowRef.line(1), List.of(location("010000024")));
        session.flush();

        assertThat(client.lookups).hasSize(1);
        assertThat(client.requests.get(0).getEntryFirstRep().getRequest().getUrl())
                .isEqualTo("Location/42");
    }

    @Test
    void deterministicIdIsStableValidAndNeverNumeric() {
        String id = FhirWriter.deterministicId(FINESS, "010000024");

        assertThat(FhirWriter.deterministicId(FINESS, "010000024")).isEqualTo(id);
        assertThat(id).matches("[A-Za-z0-9\\-.]{1,64}").doesNotMatch("[0-9]+").startsWith("imp-");
        assertThat(id.length() - "imp-".length()).as("hex digits: 128 bits").isEqualTo(32);
        assertThat(FhirWriter.deterministicId(FINESS, "010000032")).isNotEqualTo(id);
        assertThat(FhirWriter.deterministicId("urn:x|y", "z")).isNotEqualTo(FhirWriter.deterministicId("urn:x", "y|z"));
    }

    @Test
    void updatesTheResourceThatHasTheIdentifierInPlaceAndCreatesOthersAtDerivedIds() {
        FakeClient client = new FakeClient(FhirWriterTest::allCreated).store(location("010000024"), "123");
        ImportWriter.Session session = new FhirWriter(client, 200, CLOCK).open(progress());

        session.write(RowRef.line(1), List.of(location("010000024")));
        session.write(RowRef.line(2), List.of(location("010000032")));
        session.flush();

        assertThat(client.lookups).hasSize(1);
        assertThat(client.requests).singleElement().satisfies(sent -> assertThat(sent.getEntry())
                .extracting(entry -> entry.getRequest().getUrl())
                .containsExactly("Location/123", "Location/" + FhirWriter.deterministicId(FINESS, "010000032")));
    }

    @Test
    void rejectsRowWhoseIdentifierTwoStoredResourcesHave() {
        FakeClient client = new FakeClient(FhirWriterTest::allCreated)
                .store(location("010000024"), "1")
                .store(location("010000024"), "2");
        ImportProgress progress = progress();
        ImportWriter.Session session = new FhirWriter(client, 200, CLOCK).open(progress);

        session.write(RowRef.line(1), List.of(organization("010000016"), location("010000024")));
        session.write(RowRef.line(2), List.of(location("010000032")));
        session.flush();

        ImportReport report = progress.complete();
        assertThat(report.rejected())
                .containsExactly(new ImportReport.Rejection(
                        RowRef.line(1),
                        "2 Location resources already have identifier " + FINESS
                                + "|010000024: the import cannot tell which to update"));
        assertThat(report.created()).isEqualTo(1);
        assertThat(client.requests).singleElement().satisfies(sent -> assertThat(sent.getEntry())
                .extracting(entry -> entry.getRequest().getUrl())
                .containsExactly("Location/" + FhirWriter.deterministicId(FINESS, "010000032")));
    }

    @Test
    void looksUpEveryIdentifierInOneBatchWithEscapedValues() {
        Location special = new Location();
        special.addIdentifier().setSystem("urn:oid:1.2.250").setValue("A|B,C$D\\E F&G");
        FakeClient client = new FakeClient(FhirWriterTest::allCreated).store(special.copy(), "special");
        ImportWriter.Session session = new FhirWriter(client, 200, CLOCK).open(progress());

        session.write(RowRef.line(1), List.of(organization("010000016"), special));
        session.write(RowRef.line(2), List.of(location("010000032")));
        session.flush();

        assertThat(client.lookups).singleElement().satisfies(lookup -> assertThat(lookup.getEntry())
                .extracting(entry -> entry.getRequest().getUrl())
                .containsExactly(
                        "Organization?identifier=" + FINESS + "|010000016&_count=3&_offset=0&_elements=identifier",
                        "Location?identifier=urn:oid:1.2.250|A\\|B\\,C\\$D\\\\E%20F%26G&_count=3&_offset=0"
                                + "&_elements=identifier",
                        "Location?identifier=" + FINESS + "|010000032&_count=3&_offset=0&_elements=identifier"));
        assertThat(client.requests.get(0).getEntry())
                .extracting(entry -> entry.getRequest().getUrl())
                .containsExactly(
                        "Organization/" + FhirWriter.deterministicId(FINESS, "010000016"),
                        "Location/special",
                        "Location/" + FhirWriter.deterministicId(FINESS, "010000032"));
    }

    @Test
    void rejectsRowsWhoseSearchAnswerIsNotComplete() {
        FakeClient client = new FakeClient(FhirWriterTest::allCreated);
        for (int i = 1; i <= 3; i++) {
            client.store(location("010000024"), "full-page-" + i);
            client.store(location("010000032"), "next-link-" + i);
        }
        ImportProgress progress = progress();
        ImportWriter.Session session = new FhirWriter(client, 200, CLOCK).open(progress);

        session.write(RowRef.line(1), List.of(location("010000024")));
        session.flush();
        client.maxCount = 2;
        session.write(RowRef.line(2), List.of(location("010000032")));
        session.flush();

        assertThat(client.requests).isEmpty();
        assertThat(progress.complete().rejected())
                .extracting(ImportReport.Rejection::reason)
                .containsExactly(
                        "3 or more Location resources already have identifier " + FINESS
                                + "|010000024: the import cannot tell which to update",
                        "3 or more Location resources already have identifier " + FINESS
                                + "|010000032: the import cannot tell which to update");
    }

    @Test
    void fallsBackToConditionalUpdatesWhenTheLookupIsForbidden() {
        FakeClient client = new FakeClient(FhirWriterTest::allCreated);
        client.lookupFailure = new ForbiddenOperationException("no search scope");
        ImportProgress progress = progress();
        ImportWriter.Session session = new FhirWriter(client, 200, CLOCK).open(progress);

        session.write(RowRef.line(1), List.of(location("010000024")));
        session.flush();

        assertThat(client.requests.get(0).getEntryFirstRep().getRequest().getUrl())
                .isEqualTo("Location?identifier=" + FINESS + "|010000024");
        assertThat(progress.complete().created()).isEqualTo(1);
    }

    @Test
    void pointsConditionalReferencesToEntriesOfTheSameTransactionAtTheirFullUrl() {
        FakeClient client = new FakeClient(FhirWriterTest::allCreated);
        ImportWriter.Session session = new FhirWriter(client, 200, CLOCK).open(progress());
        Location location = location("010000024");
        String organizationUrl = "Organization?identifier=" + FINESS + "|010000016";
        location.setManagingOrganization(new Reference(organizationUrl));
        location.setPartOf(new Reference("Location?identifier=" + FINESS + "|999999999"));

        session.write(RowRef.line(1), List.of(organization("010000016"), location));
        session.flush();

        List<Bundle.BundleEntryComponent> sent = client.requests.get(0).getEntry();
        Location sentLocation = (Location) sent.get(1).getResource();
        assertThat(sentLocation.getManagingOrganization().getReference())
                .isEqualTo(sent.get(0).getFullUrl());
        assertThat(sentLocation.getPartOf().getReference()).isEqualTo("Location?identifier=" + FINESS + "|999999999");
        assertThat(location.getManagingOrganization().getReference())
                .as("the row's own resource is left as mapped, for a row-by-row retry")
                .isEqualTo(organizationUrl);
    }

    @Test
    void sendsTwoIdentifiersOfTheSameStoredResourceInSeparateTransactions() {
        Location stored = location("010000024");
        stored.addIdentifier().setSystem("urn:other").setValue("X");
        FakeClient client = new FakeClient(FhirWriterTest::allCreated).store(stored, "42");
        ImportWriter.Session session = new FhirWriter(client, 200, CLOCK).open(progress());
        Location byOther = new Location();
        byOther.addIdentifier().setSystem("urn:other").setValue("X");

        session.write(RowRef.line(1), List.of(location("010000024")));
        session.write(RowRef.line(2), List.of(byOther));
        session.flush();

        assertThat(client.lookups).hasSize(1);
        assertThat(client.requests)
                .extracting(bundle -> bundle.getEntryFirstRep().getRequest().getUrl())
                .containsExactly("Location/42", "Location/42");
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

    /**
     * Records the transactions sent and answers them with a function of the request; answers the identifier lookups
     * ({@code batch} Bundles of searches) from {@link #stored}, at most {@link #maxCount} matches a page.
     */
    private static final class FakeClient implements FhirTransactionClient {

        private final List<Bundle> requests = new ArrayList<>();
        private final List<Bundle> lookups = new ArrayList<>();
        private final List<Resource> stored = new ArrayList<>();
        private final Function<Bundle, Bundle> answer;
        private int maxCount = 500;
        private RuntimeException lookupFailure;

        FakeClient(Function<Bundle, Bundle> answer) {
            this.answer = answer;
        }

        FakeClient store(Resource resource, String id) {
            resource.setId(resource.fhirType() + "/" + id);
            stored.add(resource);
            return this;
        }

        @Override
        public String baseUrl() {
            return "https://fhir.example.org/fhir";
        }

        /** Synchronized: the writer looks the next batch up on another thread while it writes one. */
        @Override
        public synchronized Bundle transaction(Bundle bundle) {
            if (bundle.getType() == Bundle.BundleType.BATCH) {
                lookups.add(bundle);
                if (lookupFailure != null) {
                    throw lookupFailure;
                }
                Bundle response = new Bundle().setType(Bundle.BundleType.BATCHRESPONSE);
                for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                    response.addEntry(search(entry.getRequest().getUrl()));
                }
                return response;
            }
            requests.add(bundle);
            return answer.apply(bundle);
        }

        /** A searchset of the stored resources matching {@code Type?identifier=s|v,...&_count=n}. */
        private Bundle.BundleEntryComponent search(String url) {
            String type = url.substring(0, url.indexOf('?'));
            Map<String, String> parameters = new HashMap<>();
            for (String parameter : url.substring(url.indexOf('?') + 1).split("&")) {
                String[] parts = parameter.split("=", 2);
                parameters.put(parts[0], URLDecoder.decode(parts[1].replace("+", "%2B"), StandardCharsets.UTF_8));
            }
            Set<List<String>> tokens = new HashSet<>();
            for (String token : split(parameters.get("identifier"), ',')) {
                List<String> parts = split(token, '|');
                tokens.add(List.of(unescape(parts.get(0)), unescape(parts.get(1))));
            }
            int count = Math.min(Integer.parseInt(parameters.get("_count")), maxCount);
            List<Resource> matches = stored.stream()
                    .filter(resource -> resource.fhirType().equals(type))
                    .filter(resource -> ((List<?>)
                                    resource.getNamedProperty("identifier").getValues())
                            .stream()
                                    .map(Identifier.class::cast)
                                    .anyMatch(identifier ->
                                            tokens.contains(List.of(identifier.getSystem(), identifier.getValue()))))
                    .toList();
            Bundle page = new Bundle().setType(Bundle.BundleType.SEARCHSET);
            matches.stream().limit(count).forEach(match -> page.addEntry().setResource(match.copy()));
            if (matches.size() > count) {
                page.addLink().setRelation(Bundle.LINK_NEXT).setUrl(baseUrl() + "?_getpages=fake");
            }
            Bundle.BundleEntryComponent entry = new Bundle.BundleEntryComponent().setResource(page);
            entry.getResponse().setStatus("200 OK");
            return entry;
        }

        /** Splits on the separator where it is not escaped with a backslash. */
        private static List<String> split(String text, char separator) {
            List<String> parts = new ArrayList<>();
            StringBuilder part = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length()) {
                    part.append(c).append(text.charAt(++i));
                } else if (c == separator) {
                    parts.add(part.toString());
                    part.setLength(0);
                } else {
                    part.append(c);
                }
            }
            parts.add(part.toString());
            return parts;
        }

        private static String unescape(String text) {
            return text.replaceAll("\\\\(.)", "$1");
        }
    }
}
