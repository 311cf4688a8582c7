package dev.sqlpack.udf.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentCount;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.ConstantArgumentCount;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.Signature;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * Planning-time typing of the JSON family: a document and one or more names (paths for
 * JSON_FIELDS, keys for JSON_TUPLE), all strings, giving a ROW of STRING fields. For JSON_FIELDS
 * the paths must be literals: they are checked and turned into field names while the query is
 * planned, so a bad path fails the statement, naming the path, not the job.
 */
public final class JsonArguments implements InputTypeStrategy {
    private final String function;
    private final boolean literalPaths;

    private JsonArguments(String function, boolean literalPaths) {
        this.function = function;
        this.literalPaths = literalPaths;
    }

    /** JSON_FIELDS(doc, path1, ...): literal paths, fields named after them ({@link #fieldNames}). */
    public static TypeInference paths(String function) {
        JsonArguments args = new JsonArguments(function, true);
        return TypeInference.newBuilder()
                .inputTypeStrategy(args)
                .outputTypeStrategy(ctx -> Optional.of(row(fieldNames(args.literalPaths(ctx)))))
                .build();
    }

    /** JSON_TUPLE(doc, key1, ...): any string keys, fields c0, c1, ... as in Hive. */
    public static TypeInference keys(String function) {
        JsonArguments args = new JsonArguments(function, false);
        return TypeInference.newBuilder()
                .inputTypeStrategy(args)
                .outputTypeStrategy(ctx -> {
                    List<String> names = new ArrayList<>();
                    for (int i = 1; i < ctx.getArgumentDataTypes().size(); i++) {
                        names.add("c" + (i - 1));
                    }
                    return Optional.of(row(names));
                })
                .build();
    }

    /**
     * Field names of JSON_FIELDS: each path's {@link JsonPath#fieldName()}; a name taken by an
     * earlier path gets the suffix _2, _3, ...; an empty one ({@code $['']}) is {@code field}.
     */
    public static List<String> fieldNames(List<JsonPath> paths) {
        Set<String> taken = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (JsonPath p : paths) {
            String base = p.fieldName().isEmpty() ? "field" : p.fieldName();
            String name = base;
            for (int n = 2; !taken.add(name); n++) {
                name = base + "_" + n;
            }
            names.add(name);
        }
        return Collections.unmodifiableList(names);
    }

    private static DataType row(List<String> names) {
        DataTypes.Field[] fields = new DataTypes.Field[names.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = DataTypes.FIELD(names.get(i), DataTypes.STRING());
        }
        return DataTypes.ROW(fields);
    }

    private List<JsonPath> literalPaths(CallContext ctx) {
        List<JsonPath> paths = new ArrayList<>();
        for (int i = 1; i < ctx.getArgumentDataTypes().size(); i++) {
            String text = ctx.getArgumentValue(i, String.class).orElseThrow(
                    () -> new IllegalStateException(function + ": path arguments are literals"));
            paths.add(JsonPath.parse(text));
        }
        return paths;
    }

    @Override
    public ArgumentCount getArgumentCount() {
        return ConstantArgumentCount.from(2);
    }

    @Override
    public Optional<List<DataType>> inferInputTypes(CallContext ctx, boolean throwOnFailure) {
        List<DataType> types = ctx.getArgumentDataTypes();
        List<DataType> result = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            LogicalType t = types.get(i).getLogicalType();
            if (!t.is(LogicalTypeFamily.CHARACTER_STRING) && !t.is(LogicalTypeRoot.NULL)) {
                return fail(ctx, throwOnFailure, "argument " + (i + 1) + " must be a string, but is " + t);
            }
            if (literalPaths && i > 0) {
                if (!ctx.isArgumentLiteral(i) || ctx.isArgumentNull(i)) {
                    return fail(ctx, throwOnFailure, "path argument " + i
                            + " must be a string literal such as '$.user.id' (the paths decide the row type while the query is planned)");
                }
                try {
                    JsonPath.parse(ctx.getArgumentValue(i, String.class).orElse(null));
                } catch (IllegalArgumentException e) {
                    return fail(ctx, throwOnFailure, "path argument " + i + ": " + e.getMessage());
                }
            }
            result.add(DataTypes.STRING());
        }
        return Optional.of(result);
    }

    private Optional<List<DataType>> fail(CallContext ctx, boolean throwOnFailure, String message) {
        if (throwOnFailure) {
            throw ctx.newValidationError("%s: %s", function, message);
        }
        return Optional.empty();
    }

    @Override
    public List<Signature> getExpectedSignatures(FunctionDefinition definition) {
        return List.of(Signature.of(Signature.Argument.of(literalPaths ? "doc" : "json", "STRING"),
                Signature.Argument.ofVarying(literalPaths ? "path" : "key", "STRING")));
    }
}
