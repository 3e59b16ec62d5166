package fr.vigie.server.operation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import fr.vigie.server.config.FhirServerInterceptor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Answers 400 naming the parameter when a URL parameter of a Vigie operation is not of its declared type
 * ({@code $nearest-dz?latitude=abc}, {@code count=1.5}, {@code nightOnly=yes}...) or is repeated where the operation
 * takes one value (HAPI would silently keep the first). Without it, HAPI's binding of a
 * query-string value into a {@code DecimalType} or {@code IntegerType} throws a {@link NumberFormatException} that
 * ends as a 500. The declared types are read once from the operations' {@link OperationParam}s; each raw value is
 * parsed by the same FHIR type HAPI binds it to, before HAPI binds it (HAPI binds before its pre-handled
 * hook, so this runs at post-processed, once the operation is known).
 */
@Component
@Interceptor
public class OperationParameterSyntaxInterceptor implements FhirServerInterceptor {

    private static final Set<RestOperationTypeEnum> OPERATIONS = Set.of(
            RestOperationTypeEnum.EXTENDED_OPERATION_SERVER,
            RestOperationTypeEnum.EXTENDED_OPERATION_TYPE,
            RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE);

    /** Operation name ({@code $nearest-dz}) → parameter name → FHIR primitive type it binds to. */
    private final Map<String, Map<String, Class<? extends PrimitiveType<?>>>> primitives = new HashMap<>();

    /** Operation name → parameters declared with {@code max = 1}. */
    private final Map<String, Set<String>> single = new HashMap<>();

    public OperationParameterSyntaxInterceptor(ObjectProvider<VigieOperationProvider> providers) {
        providers.orderedStream().forEach(this::declare);
    }

    private void declare(VigieOperationProvider provider) {
        for (Method method : AopUtils.getTargetClass(provider).getMethods()) {
            Operation operation = method.getAnnotation(Operation.class);
            if (operation == null) {
                continue;
            }
            String name = operation.name().startsWith("$") ? operation.name() : "$" + operation.name();
            Map<String, Class<? extends PrimitiveType<?>>> parameters =
                    primitives.computeIfAbsent(name, key -> new HashMap<>());
            for (Parameter parameter : method.getParameters()) {
                OperationParam param = parameter.getAnnotation(OperationParam.class);
                Class<? extends PrimitiveType<?>> type = param == null ? null : primitive(parameter);
                if (type != null) {
                    parameters.put(param.name(), type);
                }
                if (param != null && param.max() == 1) {
                    single.computeIfAbsent(name, key -> new HashSet<>()).add(param.name());
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends PrimitiveType<?>> primitive(Parameter parameter) {
        Type type = parameter.getParameterizedType();
        if (type instanceof ParameterizedType list && List.class.equals(list.getRawType())) {
            type = list.getActualTypeArguments()[0];
        }
        if (type instanceof Class<?> cls && PrimitiveType.class.isAssignableFrom(cls)) {
            return (Class<? extends PrimitiveType<?>>) cls;
        }
        return null;
    }

    /** Checks the URL parameters of a Vigie operation against their declared types. */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean checkParameterSyntax(RequestDetails request) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == null || !OPERATIONS.contains(operation) || request.getParameters() == null) {
            return true;
        }
        String name = request.getOperation();
        name = name == null || name.startsWith("$") ? name : "$" + name;
        Map<String, Class<? extends PrimitiveType<?>>> declared = name == null ? null : primitives.get(name);
        if (declared == null) {
            return true;
        }
        Set<String> once = single.getOrDefault(name, Set.of());
        for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
            if (parameter.getValue() != null && parameter.getValue().length > 1 && once.contains(parameter.getKey())) {
                throw new InvalidRequestException(parameter.getKey() + " is given " + parameter.getValue().length
                        + " times; " + name + " takes one value");
            }
            Class<? extends PrimitiveType<?>> type = declared.get(parameter.getKey());
            if (type == null || parameter.getValue() == null) {
                continue;
            }
            for (String value : parameter.getValue()) {
                check(parameter.getKey(), value, type);
            }
        }
        return true;
    }

    private static void check(String name, String value, Class<? extends PrimitiveType<?>> type) {
        if (value == null || value.isEmpty()) {
            return;
        }
        PrimitiveType<?> parsed;
        try {
            parsed = type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            return;
        }
        try {
            parsed.setValueAsString(value);
        } catch (RuntimeException e) {
            String fhirType = parsed.fhirType();
            throw new InvalidRequestException(
                    name + " '" + value + "' is not a valid " + fhirType + describe(fhirType));
        }
    }

    private static String describe(String fhirType) {
        return switch (fhirType) {
            case "decimal" -> " (a number such as 50.63 or -3.07)";
            case "integer", "positiveInt", "unsignedInt" -> " (a whole number such as 5)";
            case "boolean" -> " (true or false)";
            case "date" -> " (YYYY, YYYY-MM or YYYY-MM-DD)";
            case "dateTime" -> " (YYYY-MM-DD or YYYY-MM-DDThh:mm:ss+zz:zz)";
            default -> "";
        };
    }
}
