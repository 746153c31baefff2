package vn.mailgw.gateway.audit;

/** The few places where SQLite and PostgreSQL need different SQL; the schema itself is shared. */
enum SqlDialect {
    /**
     * Writers serialise on the file's write lock, which each writing transaction's first statement takes (the
     * connections begin DEFERRED: an IMMEDIATE begin would lock the attached chain file too, V7), so no row lock clause.
     */
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
