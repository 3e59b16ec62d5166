package fr.vigie.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilder;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderAppliesTo;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.vigie.server.config.FhirServerInterceptor;
import fr.vigie.server.operation.VigieOperationProvider;
import fr.vigie.server.security.SmartScopes.Permission;
import fr.vigie.server.security.SmartScopes.Scope;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Enforces SMART v2 system scopes on every FHIR interaction, with HAPI's {@link AuthorizationInterceptor}.
 *
 * <p>Rules are built per request from the token's scopes: {@code r}/{@code s} allow reading a type, {@code c}
 * creating, {@code u} updating (and patching, and create-or-update: {@code PUT Type/id} of a new id, and the conditional
 * {@code PUT Type?identifier=}), {@code d} deleting. Imports need no {@code s} from their caller: the import framework
 * looks identifiers up and writes with Vigie's own token. HAPI applies them to what goes in <em>and</em> what comes out:
 * {@code _include}, {@code _revinclude}, chained searches, history, {@code $everything}, and every entry of a batch
 * or transaction (a transaction cannot smuggle a write the token does not allow). A response holding one resource
 * the client may not read is refused whole (403). Terminology operations answer any authenticated client: code
 * systems are not health data. {@code r} and {@code s} are told apart before the rules: a read by id needs
 * {@code r}, a search needs {@code s}. Vigie's custom operations follow their declaration (see
 * {@link CustomOperation}); HAPI's other operations ({@code $meta-add}, {@code $expunge}...) are denied.
 */
@Component
@ConditionalOnProperty(name = "vigie.security.enabled", havingValue = "true", matchIfMissing = true)
public class SmartScopeAuthorizationInterceptor extends AuthorizationInterceptor implements FhirServerInterceptor {

    private static final List<Class<? extends IBaseResource>> TERMINOLOGY =
            List.of(ValueSet.class, CodeSystem.class, ConceptMap.class);
    private static final List<String> TERMINOLOGY_OPERATIONS =
            List.of("$expand", "$lookup", "$validate-code", "$translate", "$subsumes");

    private final FhirContext fhirContext;
    private final List<CustomOperation> customOperations;
    /**
     * Rule lists by scope set: they depend on nothing else, and building one (about 50 rules) cost as much as the
     * {@code $nearest-dz} operation itself on every request. Clients have a handful of scope sets.
     */
    private final Cache<List<Scope>, List<IAuthRule>> rulesByScopes =
            Caffeine.newBuilder().maximumSize(1_000).build();

    public SmartScopeAuthorizationInterceptor(
            FhirContext fhirContext, ObjectProvider<VigieOperationProvider> operationProviders) {
        super(PolicyEnum.DENY);
        this.fhirContext = fhirContext;
        this.customOperations =
                CustomOperation.of(operationProviders.orderedStream().toList());
    }

    /**
     * A Vigie custom operation as declared by its provider: {@code @Operation(idempotent = true)} operations (GET
     * allowed, no side effect) need read access to their resource type, the others create and update access; a
     * server-level operation needs a scope on any type (idempotent) or {@code system/*.cu} (not idempotent).
     */
    record CustomOperation(String name, Class<? extends IBaseResource> type, boolean idempotent) {
        static List<CustomOperation> of(List<VigieOperationProvider> providers) {
            List<CustomOperation> operations = new ArrayList<>();
            for (VigieOperationProvider provider : providers) {
                for (Method method : AopUtils.getTargetClass(provider).getMethods()) {
                    Operation operation = method.getAnnotation(Operation.class);
                    if (operation != null) {
                        Class<? extends IBaseResource> type =
                                operation.type() == IBaseResource.class ? null : operation.type();
                        String name = operation.name().startsWith("$") ? operation.name() : "$" + operation.name();
                        operations.add(new CustomOperation(name, type, operation.idempotent()));
                    }
                }
            }
            return List.copyOf(operations);
        }
    }

    @Override
    public List<IAuthRule> buildRuleList(RequestDetails request) {
        SmartScopes scopes = CallerScopes.current();
        return rulesByScopes.get(scopes.scopes(), key -> rulesFor(scopes));
    }

    /** The rules a token with these scopes gets (HAPI's rules are immutable once built, so they are shared). */
    List<IAuthRule> rulesFor(SmartScopes scopes) {
        IAuthRuleBuilder rules = new RuleBuilder();
        rules.allow("CapabilityStatement").metadata();
        for (String operation : TERMINOLOGY_OPERATIONS) {
            for (Class<? extends IBaseResource> type : TERMINOLOGY) {
                rules.allow("terminology " + operation)
                        .operation()
                        .named(operation)
                        .onType(type)
                        .andAllowAllResponses();
                rules.allow("terminology " + operation)
                        .operation()
                        .named(operation)
                        .onInstancesOfType(type)
                        .andAllowAllResponses();
            }
        }
        for (Scope scope : scopes.scopes()) {
            addRules(rules, scope);
        }
        addCustomOperationRules(rules, scopes);
        if (!scopes.isEmpty()) {
            // Each entry of a batch or transaction is then checked against the rules above.
            rules.allow("bundles").transaction().withAnyOperation().andApplyNormalRules();
        }
        rules.denyAll("the token's scopes do not allow this request (SMART v2 system scopes, e.g. system/Location.rs)");
        return List.copyOf(rules.build());
    }

    private void addRules(IAuthRuleBuilder rules, Scope scope) {
        String name = "system/" + scope.resourceType();
        boolean read = scope.permissions().contains(Permission.READ)
                || scope.permissions().contains(Permission.SEARCH);
        if (read) {
            on(rules.allow(name + " read").read(), scope).withAnyId();
            operationRule(rules, scope, "$meta");
            if (scope.allTypes() || scope.resourceType().equals("Patient")) {
                rules.allow(name + " $everything")
                        .operation()
                        .named("$everything")
                        .onInstancesOfType(Patient.class)
                        .andRequireExplicitResponseAuthorization();
            }
            if (scope.allTypes() || scope.resourceType().equals("Encounter")) {
                rules.allow(name + " $everything")
                        .operation()
                        .named("$everything")
                        .onInstancesOfType(Encounter.class)
                        .andRequireExplicitResponseAuthorization();
            }
        }
        if (scope.permissions().contains(Permission.CREATE)) {
            on(rules.allow(name + " create").create(), scope).withAnyId();
            on(rules.allow(name + " conditional create").createConditional(), scope);
        }
        if (scope.permissions().contains(Permission.UPDATE)) {
            on(rules.allow(name + " update").write(), scope).withAnyId();
            on(rules.allow(name + " conditional update").updateConditional(), scope);
            rules.allow(name + " patch").patch().allRequests();
        }
        if (scope.permissions().contains(Permission.CREATE)
                || scope.permissions().contains(Permission.UPDATE)) {
            operationRule(rules, scope, "$validate");
        }
        if (scope.permissions().contains(Permission.DELETE)) {
            on(rules.allow(name + " delete").delete(), scope).withAnyId();
            on(rules.allow(name + " conditional delete").deleteConditional(), scope);
        }
    }

    private void addCustomOperationRules(IAuthRuleBuilder rules, SmartScopes scopes) {
        for (CustomOperation operation : customOperations) {
            if (operation.type() == null) {
                boolean allowed = operation.idempotent()
                        ? !scopes.isEmpty()
                        : scopes.allows("*", Permission.CREATE) && scopes.allows("*", Permission.UPDATE);
                if (allowed) {
                    rules.allow(operation.name())
                            .operation()
                            .named(operation.name())
                            .onServer()
                            .andAllowAllResponses();
                }
                continue;
            }
            String type = fhirContext.getResourceType(operation.type());
            boolean allowed = operation.idempotent()
                    ? scopes.allows(type, Permission.READ) || scopes.allows(type, Permission.SEARCH)
                    : scopes.allows(type, Permission.CREATE) && scopes.allows(type, Permission.UPDATE);
            if (allowed) {
                rules.allow(operation.name())
                        .operation()
                        .named(operation.name())
                        .onType(operation.type())
                        .andAllowAllResponses();
                rules.allow(operation.name())
                        .operation()
                        .named(operation.name())
                        .onInstancesOfType(operation.type())
                        .andAllowAllResponses();
            }
        }
    }

    private void operationRule(IAuthRuleBuilder rules, Scope scope, String operation) {
        if (scope.allTypes()) {
            rules.allow(operation).operation().named(operation).onAnyType().andAllowAllResponses();
            rules.allow(operation).operation().named(operation).onAnyInstance().andAllowAllResponses();
            return;
        }
        Class<? extends IBaseResource> type =
                fhirContext.getResourceDefinition(scope.resourceType()).getImplementingClass();
        rules.allow(operation).operation().named(operation).onType(type).andAllowAllResponses();
        rules.allow(operation)
                .operation()
                .named(operation)
                .onInstancesOfType(type)
                .andAllowAllResponses();
    }

    private static <T> T on(IAuthRuleBuilderAppliesTo<T> builder, Scope scope) {
        return scope.allTypes() ? builder.allResources() : builder.resourcesOfType(scope.resourceType());
    }

    /**
     * SMART v2 separates reading by id ({@code r}) from searching ({@code s}); HAPI's rules do not, so the split is
     * checked here, before the rules run.
     */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void checkReadVersusSearch(RequestDetails request, RestOperationTypeEnum operation) {
        String type = request.getResourceName();
        if (type == null || operation == null) {
            return;
        }
        SmartScopes scopes = CallerScopes.current();
        boolean byId = operation == RestOperationTypeEnum.READ || operation == RestOperationTypeEnum.VREAD;
        boolean search = operation == RestOperationTypeEnum.SEARCH_TYPE;
        if (byId && !scopes.allows(type, Permission.READ) && scopes.allows(type, Permission.SEARCH)) {
            throw new ForbiddenOperationException(
                    "Reading " + type + " by id needs the 'r' permission (system/" + type + ".r); the token has 's'");
        }
        if (search && !scopes.allows(type, Permission.SEARCH) && scopes.allows(type, Permission.READ)) {
            throw new ForbiddenOperationException(
                    "Searching " + type + " needs the 's' permission (system/" + type + ".s); the token has 'r'");
        }
    }
}
