"""Python twins of the pack's Java functions, for the Java-vs-Python UDF benchmark."""
