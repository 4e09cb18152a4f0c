# Manual pages.
dist_man_MANS += man/sctpshim.1 man/sctpshimd.8 man/sctpshim.7 man/sctpshim.conf.5
