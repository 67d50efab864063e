package io.vpclattice.multicluster.offlineplan;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.pulumi.core.internal.Constants;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The mock engine's resource monitor, recording what each registration carries that {@link Mocks} never sees:
 * parent, dependencies, provider, and inputs with their secrets still marked.
 */
final class RecordingMonitor extends MockMonitor {
    private static final String ROOT_STACK = "pulumi:pulumi:Stack";

    final ConcurrentLinkedQueue<PlannedResource> registrations = new ConcurrentLinkedQueue<>();

    RecordingMonitor(Mocks mocks) {
        super(mocks, PulumiTestInternal.mockLog());
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(
            Resource resource, RegisterResourceRequest request) {
        return super.registerResourceAsync(resource, request).thenApply(response -> {
            if (!ROOT_STACK.equals(request.getType())) {
                String provider = request.getProvider();
                registrations.add(new PlannedResource(
                        response.getUrn(),
                        request.getType(),
                        request.getName(),
                        request.getCustom(),
                        request.getParent().isEmpty() || request.getParent().contains("::" + ROOT_STACK + "::")
                                ? null
                                : request.getParent(),
                        request.getDependenciesList().stream()
                                .distinct()
                                .sorted()
                                .toList(),
                        provider.isEmpty() ? null : provider.substring(0, provider.lastIndexOf("::")),
                        plain(request.getObject()),
                        List.copyOf(request.getIgnoreChangesList()),
                        aliases(request)));
            }
            return response;
        });
    }

    /** Aliases as the engine receives them: URNs, or specs of a former name under a former parent. */
    private static List<String> aliases(RegisterResourceRequest request) {
        var aliases = new ArrayList<String>(request.getAliasURNsList());
        for (var alias : request.getAliasesList()) {
            if (alias.hasSpec()) {
                var spec = alias.getSpec();
                aliases.add("name " + (spec.getName().isEmpty() ? request.getName() : spec.getName())
                        + (spec.getParentUrn().isEmpty() ? "" : " under " + spec.getParentUrn())
                        + (spec.getNoParent() ? " without parent" : ""));
            } else {
                aliases.add(alias.getUrn());
            }
        }
        return List.copyOf(aliases);
    }

    static Map<String, Object> plain(Struct struct) {
        var map = new LinkedHashMap<String, Object>();
        struct.getFieldsMap().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> map.put(e.getKey(), plain(e.getValue())));
        return map;
    }

    private static Object plain(Value value) {
        switch (value.getKindCase()) {
            case NULL_VALUE -> {
                return null;
            }
            case BOOL_VALUE -> {
                return value.getBoolValue();
            }
            case NUMBER_VALUE -> {
                double number = value.getNumberValue();
                return number == Math.rint(number) && Math.abs(number) < 1e15 ? (Object) (long) number : number;
            }
            case STRING_VALUE -> {
                return Constants.UnknownValue.equals(value.getStringValue()) ? "[unknown]" : value.getStringValue();
            }
            case LIST_VALUE -> {
                List<Object> list = new ArrayList<>();
                value.getListValue().getValuesList().forEach(v -> list.add(plain(v)));
                return list;
            }
            case STRUCT_VALUE -> {
                var fields = value.getStructValue().getFieldsMap();
                Value sig = fields.get(Constants.SpecialSigKey);
                if (sig != null && Constants.SpecialSecretSig.equals(sig.getStringValue())) {
                    return "[secret]";
                }
                if (sig != null && Constants.SpecialResourceSig.equals(sig.getStringValue())) {
                    return fields.get(Constants.ResourceUrnName).getStringValue();
                }
                if (sig != null && Constants.SpecialOutputSig.equals(sig.getStringValue())) {
                    if (fields.containsKey(Constants.SecretName)
                            && fields.get(Constants.SecretName).getBoolValue()) {
                        return "[secret]";
                    }
                    return fields.containsKey(Constants.SecretValueName)
                            ? plain(fields.get(Constants.SecretValueName))
                            : "[unknown]";
                }
                return plain(value.getStructValue());
            }
            default -> {
                return null;
            }
        }
    }
}
