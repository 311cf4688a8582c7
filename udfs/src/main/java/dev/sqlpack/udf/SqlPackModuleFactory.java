package dev.sqlpack.udf;

import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.factories.ModuleFactory;
import org.apache.flink.table.module.Module;

/** Finds the {@code sqlpack} module by service discovery, for {@code LOAD MODULE sqlpack}. */
public final class SqlPackModuleFactory implements ModuleFactory {
    public static final String IDENTIFIER = "sqlpack";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of();
    }

    @Override
    public Module createModule(Context context) {
        return SqlPackModule.INSTANCE;
    }
}
