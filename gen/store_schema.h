/* store_schema: the numbered migrations of the store. */
#ifndef GEN_STORE_SCHEMA_H
#define GEN_STORE_SCHEMA_H

extern const char *const store_migrations[];
extern const int store_nmigrations;
/* the oldest version the site's queries read (store_open_ro) */
extern const int store_nreadable;

#endif
