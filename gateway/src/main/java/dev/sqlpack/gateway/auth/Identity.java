package dev.sqlpack.gateway.auth;

/** Who sent a request: a name from the identities file and its role. */
public record Identity(String name, Role role) {
    /** The roles the policy knows; {@code admin} may do everything. */
    public enum Role {
        ADMIN, ANALYST;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The role named {@code id} (case-insensitive), or an error naming the accepted roles. */
        public static Role of(String id) {
            for (Role r : values()) {
                if (r.id().equalsIgnoreCase(id.trim())) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown role '" + id + "': use admin or analyst");
        }
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
