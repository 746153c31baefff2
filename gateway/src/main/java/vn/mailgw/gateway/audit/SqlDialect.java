package vn.mailgw.gateway.audit;

/** The few places where SQLite and PostgreSQL need different SQL; the schema itself is shared. */
enum SqlDialect {
    /** Writers serialise through BEGIN IMMEDIATE (set on the connection), so no row lock clause. */
    SQLITE(""),
    POSTGRES(" FOR UPDATE");

    private final String rowLockClause;

    SqlDialect(String rowLockClause) {
        this.rowLockClause = rowLockClause;
    }

    String rowLockClause() {
        return rowLockClause;
    }
}
