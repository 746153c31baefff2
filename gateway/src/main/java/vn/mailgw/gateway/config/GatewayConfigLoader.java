package vn.mailgw.gateway.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the configuration: the defaults (each section's {@code DEFAULTS}), then the file (YAML, of which
 * JSON is a subset), then the command-line overrides ({@code smtp.port=2526}), each layer merged key by
 * key onto the one before. Unknown keys, wrong types and invalid values stop start-up with a
 * {@link ConfigException} naming the source (file or override), the key and the problem.
 */
public final class GatewayConfigLoader {

    private final ObjectMapper mapper;

    public GatewayConfigLoader() {
        SimpleModule humanUnits = new SimpleModule("mailgw-config-units");
        humanUnits.addSerializer(Duration.class, new JsonSerializer<>() {
            @Override
            public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(ConfigDurations.format(value));
            }
        });
        humanUnits.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                if (text == null) {
                    return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
                }
                try {
                    return ConfigDurations.parse(text);
                } catch (IllegalArgumentException e) {
                    throw ctxt.weirdStringException(text, Duration.class, e.getMessage());
                }
            }
        });
        humanUnits.addSerializer(Path.class, new JsonSerializer<>() {
            @Override
            public void serialize(Path value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        });
        humanUnits.addDeserializer(Path.class, new JsonDeserializer<>() {
            @Override
            public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                if (text == null || text.isBlank()) {
                    return (Path) ctxt.handleUnexpectedToken(Path.class, p);
                }
                return Path.of(text);
            }
        });
        this.mapper = YAMLMapper.builder(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(new Jdk8Module())
                .addModule(humanUnits)
                .build();
    }

    /** Defaults, then the file if given, then each {@code key=value} override in order. */
    public GatewayConfig load(Optional<Path> file, List<String> overrides) {
        ObjectNode tree = mapper.valueToTree(GatewayConfig.DEFAULTS);
        if (file.isPresent()) {
            String source = "configuration file " + file.get();
            merge(tree, readFile(file.get()));
            convert(tree, key -> source);
        }
        if (overrides.isEmpty()) {
            return convert(tree, key -> "defaults");
        }
        for (String override : overrides) {
            applyOverride(tree, override, "override --set " + override);
        }
        // Converted once after all overrides: keys that only make sense together (a key store and its
        // password) can be given as separate overrides. The error names the overrides under the bad key.
        return convert(tree, key -> overridesUnder(overrides, key));
    }

    private static String overridesUnder(List<String> overrides, String key) {
        List<String> matching = overrides.stream()
                .filter(o -> o.startsWith(key + ".") || o.startsWith(key + "=") || key.startsWith(o.split("=", 2)[0]))
                .map(o -> "--set " + o)
                .toList();
        return "override " + String.join(", ", matching.isEmpty() ? overrides.stream().map(o -> "--set " + o).toList()
                : matching);
    }

    /** The effective configuration as YAML (for {@code serve --print-config} and the README). */
    public String toYaml(GatewayConfig config) {
        try {
            return mapper.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write configuration", e);
        }
    }

    private JsonNode readFile(Path file) {
        String where = "configuration file " + file;
        try {
            JsonNode node = mapper.readTree(Files.readAllBytes(file));
            if (node == null || node.isMissingNode() || node.isNull()) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(where + ": the top level must be a mapping of sections (smtp:, delivery:, ...)");
            }
            return node;
        } catch (NoSuchFileException e) {
            throw new ConfigException(where + ": file not found", e);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new ConfigException(where + ": not valid YAML" + at + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(where + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Objects merge key by key; anything else (scalars, lists, null) replaces. */
    private static void merge(ObjectNode target, JsonNode layer) {
        Iterator<Map.Entry<String, JsonNode>> fields = layer.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
                merge(existingObject, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    private void applyOverride(ObjectNode tree, String override, String source) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException(source + ": write key=value, e.g. smtp.port=2526");
        }
        String key = override.substring(0, eq).strip();
        String text = override.substring(eq + 1);
        String[] parts = key.split("\\.", -1);
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child instanceof ObjectNode childObject) {
                node = childObject;
            } else if (child == null) {
                node = node.putObject(parts[i]);
            } else {
                throw new ConfigException(source + ": key '" + String.join(".", List.of(parts).subList(0, i + 1))
                        + "' is a value, not a section");
            }
        }
        node.set(parts[parts.length - 1], parseScalar(text));
    }

    /** Values are YAML, so 2526 is a number, true a boolean, [a, b] a list; an empty value is an empty string. */
    private JsonNode parseScalar(String text) {
        if (text.isBlank()) {
            return TextNode.valueOf("");
        }
        try {
            JsonNode value = mapper.readTree(text);
            return value == null || value.isMissingNode() ? TextNode.valueOf(text) : value;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    private GatewayConfig convert(ObjectNode tree, java.util.function.Function<String, String> sourceOfKey) {
        try {
            return mapper.treeToValue(tree, GatewayConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String source = sourceOfKey.apply(keyOf(e));
            String known = e.getKnownPropertyIds() == null ? "" : " (known keys here: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")";
            throw new ConfigException(source + ": unknown key '" + keyOf(e) + "'" + known, e);
        } catch (ValueInstantiationException e) {
            String source = sourceOfKey.apply(keyOf(e));
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String what = cause instanceof NullPointerException ? "missing value for '" + cause.getMessage() + "'"
                    : cause.getMessage();
            throw new ConfigException(source + ": invalid value under '" + keyOf(e) + "': " + what, e);
        } catch (InvalidFormatException e) {
            String source = sourceOfKey.apply(keyOf(e));
            throw new ConfigException(source + ": invalid value for '" + keyOf(e) + "': '" + e.getValue()
                    + "' is not a valid " + typeName(e.getTargetType()) + hint(e), e);
        } catch (MismatchedInputException e) {
            String source = sourceOfKey.apply(keyOf(e));
            throw new ConfigException(source + ": wrong type for '" + keyOf(e) + "': expected "
                    + typeName(e.getTargetType()), e);
        } catch (JsonMappingException e) {
            String source = sourceOfKey.apply(keyOf(e));
            throw new ConfigException(source + ": invalid configuration at '" + keyOf(e) + "': " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(sourceOfKey.apply("") + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String hint(InvalidFormatException e) {
        String message = e.getOriginalMessage();
        int colon = message.lastIndexOf(": ");
        return e.getTargetType() == Duration.class && colon > 0 ? " (" + message.substring(colon + 2) + ")" : "";
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type.isEnum()) {
            return "one of " + List.of(type.getEnumConstants());
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "duration";
        }
        if (type == DataSize.class) {
            return "size (e.g. 36MB)";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list, e.g. [a, b]";
        }
        if (type == String.class) {
            return "a text";
        }
        if (type.isRecord()) {
            return "a section (mapping of keys)";
        }
        return type.getSimpleName();
    }

    private static String keyOf(JsonMappingException e) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (key.length() > 0) {
                    key.append('.');
                }
                key.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                key.append('[').append(ref.getIndex()).append(']');
            }
        }
        return key.length() == 0 ? "(top level)" : key.toString();
    }
}
