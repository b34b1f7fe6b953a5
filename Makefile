# gen — build, demo site, tests. Plain make; flags come from pkg-config and are appended to
# the user's CFLAGS/LDFLAGS, never replacing them.
PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
CFLAGS ?= -O2 -g
LDFLAGS ?=
CONFIG ?= site.ini

PKGS = libcmark libcurl sqlite3 gdlib freetype2 jansson libutf8proc libqrencode libcrypto \
       libssh2
WARN = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror \
       -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRCS := $(wildcard gen/*.c)
OBJS := $(SRCS:gen/%.c=build/%.o)
ASAN_OBJS := $(SRCS:gen/%.c=build/asan/%.o)
LIB_ASAN_OBJS := $(filter-out build/asan/main.o,$(ASAN_OBJS))
UNIT_SRCS := $(wildcard tests/unit_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/%.c=build/asan/tests/%)

# build/pkg.mk caches pkg-config's answer; make remakes it (after installing the missing
# packages) and restarts, so a fresh machine needs nothing but make.
ifeq ($(filter clean distclean help,$(MAKECMDGOALS)),)
-include build/pkg.mk
endif

.PHONY: all deps demo test bench bench-charts deploy serve install clean distclean regen \
	check-site fuzz-tmpl fuzz-import fuzz-sftp

all: build/gen demo

build/pkg.mk: tools/deps.sh Makefile
	@sh tools/deps.sh
	@mkdir -p build
	@{ echo "PKG_CFLAGS = $$(pkg-config --cflags $(PKGS))"; \
	   echo "PKG_LIBS = $$(pkg-config --libs $(PKGS)) -lcsv -lm"; \
	   echo "PKG_LIBS_NOGD = $$(pkg-config --libs $(filter-out gdlib,$(PKGS))) -lcsv -lm"; \
	   echo "GD_STATIC = -Wl,-Bstatic -lgd -Wl,-Bdynamic $$(pkg-config --libs libpng zlib)"; \
	} > $@.tmp && mv $@.tmp $@

deps: build/pkg.mk

build/%.o: gen/%.c gen/*.h build/pkg.mk
	@mkdir -p $(@D)
	$(CC) $(WARN) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ $<

build/asan/%.o: gen/%.c gen/*.h build/pkg.mk
	@mkdir -p $(@D)
	$(CC) $(WARN) $(PKG_CFLAGS) $(SAN) -O1 -g -c -o $@ $<

# The release binary allocates with mimalloc instead of glibc's malloc: a build makes and
# frees millions of small JSON values, and with mimalloc a national build (34 provinces x
# 36 months) takes a fifth less CPU time (user 12.6-13.0 s -> 9.8-10.8 s). The sanitizer
# builds keep their own allocator. make MALLOC_LIBS= links glibc's.
MALLOC_LIBS ?= -lmimalloc
# libgd is linked statically (Debian's libgd.a) into the release binary, with only the parts
# gen uses: the shared libgd brings 46 more libraries (HEIF, AVIF, TIFF, X11, ...) whose loading
# and set-up took 13 of the 20 ms of every gen command's start, a third of a rebuild with
# nothing changed. gen never reads an image, it only draws PNGs, so none of libgd's image
# decoders is reached. make GD_LIBS=-lgd links the shared one.
GD_LIBS ?= $(GD_STATIC)

build/gen: $(OBJS)
	$(CC) $(CFLAGS) -o $@ $(OBJS) $(LDFLAGS) $(MALLOC_LIBS) $(GD_LIBS) $(PKG_LIBS_NOGD)

build/asan/gen: $(ASAN_OBJS)
	$(CC) $(SAN) -o $@ $(ASAN_OBJS) $(LDFLAGS) $(PKG_LIBS)

build/asan/tests/%: tests/%.c tests/unit.h $(LIB_ASAN_OBJS)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(PKG_CFLAGS) $(SAN) -O1 -g -Igen -o $@ $< $(LIB_ASAN_OBJS) $(PKG_LIBS)

# The demo: the bundled sample province pulled into data/ and built into public/.
demo: build/gen
	@sh tools/demo.sh build/gen $(CONFIG)

test: build/gen build/asan/gen $(UNIT_BINS)
	@sh tests/setup.sh
	@sh tests/run.sh

bench: build/gen
	@sh tools/bench.sh

deploy: build/gen
	build/gen -c $(CONFIG) pull && build/gen -c $(CONFIG) build && build/gen -c $(CONFIG) deploy

serve: all
	@sh tools/serve.sh public 8000

install: build/gen
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 build/gen $(DESTDIR)$(PREFIX)/bin/gen

# libFuzzer over the template engine (needs clang): FUZZ_TIME seconds from the seeds in
# tests/fuzz-tmpl-seeds, growing the corpus in build/fuzz/tmpl.
FUZZ_TIME ?= 60
fuzz-tmpl: build/pkg.mk
	@mkdir -p build/fuzz/tmpl
	clang $(WARN) $(PKG_CFLAGS) -fsanitize=fuzzer,address,undefined -O1 -g -Igen \
		-o build/fuzz/fuzz_tmpl tests/fuzz_tmpl.c gen/tmpl.c gen/escape.c gen/buf.c \
		gen/util.c $(PKG_LIBS)
	build/fuzz/fuzz_tmpl -max_len=2048 -timeout=5 -max_total_time=$(FUZZ_TIME) \
		build/fuzz/tmpl tests/fuzz-tmpl-seeds

# Every importer of outside input, under libFuzzer.
fuzz-import: build/pkg.mk
	@mkdir -p build/fuzz/import
	clang $(WARN) $(PKG_CFLAGS) -fsanitize=fuzzer,address,undefined -O1 -g -Igen \
		-o build/fuzz/fuzz_import tests/fuzz_import.c $(filter-out gen/main.c,$(SRCS)) \
		$(PKG_LIBS)
	build/fuzz/fuzz_import -max_len=8192 -timeout=5 -max_total_time=$(FUZZ_TIME) \
		build/fuzz/import tests/fuzz-import-seeds

# The SFTP reply decoder (network input), under libFuzzer.
fuzz-sftp: build/pkg.mk
	@mkdir -p build/fuzz/sftp
	clang $(WARN) $(PKG_CFLAGS) -fsanitize=fuzzer,address,undefined -O1 -g -Igen \
		-o build/fuzz/fuzz_sftp tests/fuzz_sftp.c gen/sftpwire.c gen/buf.c gen/util.c \
		$(PKG_LIBS)
	build/fuzz/fuzz_sftp -max_len=4096 -timeout=5 -max_total_time=$(FUZZ_TIME) \
		build/fuzz/sftp tests/fuzz-sftp-seeds

regen: build/asan/gen $(UNIT_BINS)
	@REGEN=1 sh tests/run.sh

clean:
	rm -rf build

distclean: clean
	rm -rf public data

# Rendering cost per chart kind and size (median ms); CHART_OUT=DIR also writes the images.
bench-charts: $(filter-out build/main.o,$(OBJS)) tools/bench_chart.c tools/chart_sample.h
	@mkdir -p build/tools
	$(CC) $(WARN) $(PKG_CFLAGS) $(CFLAGS) -Igen -Itools -o build/tools/bench_chart \
		tools/bench_chart.c $(filter-out build/main.o,$(OBJS)) $(LDFLAGS) $(PKG_LIBS)
	build/tools/bench_chart $(if $(CHART_OUT),-o $(CHART_OUT))
