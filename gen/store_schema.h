/* store_schema: the numbered migrations of the store. */
#ifndef GEN_STORE_SCHEMA_H
#define GEN_STORE_SCHEMA_H

extern const char *const store_migrations[];
extern const int store_nmigrations;

#endif
