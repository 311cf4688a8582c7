package dev.sqlpack.udf;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.apache.flink.table.module.Module;

/** The {@code sqlpack} module: {@code LOAD MODULE sqlpack;} makes every function of the pack available. */
public final class SqlPackModule implements Module {
    public static final SqlPackModule INSTANCE = new SqlPackModule();

    private SqlPackModule() {}

    @Override
    public Set<String> listFunctions() {
        return FunctionRegistry.functions().keySet().stream()
                .map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Optional<FunctionDefinition> getFunctionDefinition(String name) {
        Class<? extends UserDefinedFunction> c = FunctionRegistry.functions().get(name.toUpperCase(Locale.ROOT));
        if (c == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(c.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + c.getName(), e);
        }
    }
}
