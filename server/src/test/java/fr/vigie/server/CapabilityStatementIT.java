package fr.vigie.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.annotation.Operation;
import fr.vigie.server.operation.VigieOperationProvider;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/** What integrators discover before calling: the CapabilityStatement, the OpenAPI page and the health endpoint. */
class CapabilityStatementIT extends AbstractFhirIT {

    @Autowired
    ObjectProvider<VigieOperationProvider> operationProviders;

    private CapabilityStatement capabilities() {
        return client.capabilities().ofType(CapabilityStatement.class).execute();
    }

    private static Set<String> allOperationNames(CapabilityStatement cs) {
        Stream<CapabilityStatementRestResourceOperationComponent> typeOps =
                cs.getRestFirstRep().getResource().stream().flatMap(r -> r.getOperation().stream());
        return Stream.concat(typeOps, cs.getRestFirstRep().getOperation().stream())
                .map(CapabilityStatementRestResourceOperationComponent::getName)
                .collect(Collectors.toSet());
    }

    @Test
    void listsTheCoreResourcesWithTheirInteractions() {
        CapabilityStatement cs = capabilities();
        assertThat(cs.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(cs.getRestFirstRep().getResource())
                .extracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
                .contains("Location", "Encounter", "DocumentReference", "Observation", "MeasureReport", "CodeSystem");
        CapabilityStatement.CapabilityStatementRestResourceComponent location =
                cs.getRestFirstRep().getResource().stream()
                        .filter(r -> r.getType().equals("Location"))
                        .findFirst()
                        .orElseThrow();
        assertThat(location.getInteraction())
                .extracting(i -> i.getCode().toCode())
                .contains("read", "vread", "update", "patch", "delete", "history-instance", "create", "search-type");
        assertThat(location.getConditionalCreate()).isTrue();
    }

    @Test
    void listsTerminologyOperationsAndEveryRegisteredCustomOperation() {
        Set<String> names = allOperationNames(capabilities());
        assertThat(names).contains("expand", "lookup", "validate-code", "translate", "validate");

        List<String> custom = new ArrayList<>();
        for (VigieOperationProvider provider :
                operationProviders.orderedStream().toList()) {
            for (Method method : AopUtils.getTargetClass(provider).getMethods()) {
                Operation operation = method.getAnnotation(Operation.class);
                if (operation != null) {
                    custom.add(operation.name().replace("$", ""));
                }
            }
        }
        assertThat(names).containsAll(custom);
        for (String name : custom) {
            OperationDefinition definition = capabilities().getRestFirstRep().getResource().stream()
                    .flatMap(r -> r.getOperation().stream())
                    .filter(op -> op.getName().equals(name))
                    .findFirst()
                    .map(op -> client.read()
                            .resource(OperationDefinition.class)
                            .withUrl(op.getDefinition())
                            .execute())
                    .orElseGet(() -> client.read()
                            .resource(OperationDefinition.class)
                            .withUrl(capabilities().getRestFirstRep().getOperation().stream()
                                    .filter(op -> op.getName().equals(name))
                                    .findFirst()
                                    .orElseThrow()
                                    .getDefinition())
                            .execute());
            assertThat(definition.getCode()).isEqualTo(name);
        }
    }

    @Test
    void healthIncludesTheDatabaseAndOpenApiIsServed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create(serverUrl() + "/actuator/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"db\":{\"status\":\"UP\"}");

        HttpResponse<String> openApi = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).contains("openapi").contains("/Location");
    }
}
