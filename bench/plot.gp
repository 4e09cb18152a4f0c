# SPDX-License-Identifier: MIT
# The plot of docs/performance.md, drawn by bench/run:
#   gnuplot -e "datafile='plot.dat'; outfile='performance.png'" bench/plot.gp
# Each line of the data: "case" native shim, both relative to native (so
# native is 1) and turned so that higher is better in every case (for
# latency and memory bench/run gives native/shim).
set terminal pngcairo size 1100,560 font "sans,10" noenhanced
set output outfile
set title "sctpshim relative to native usrsctp (1 = as fast; higher is better)\npreload rows: a non-SCTP program with the library preloaded against without it"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set yrange [0:*]
set ylabel "relative to native"
set xtics rotate by -35 scale 0 font ",9"
set bmargin 10
set rmargin 20
set grid ytics
set key top right
set arrow from graph 0, first 1 to graph 1, first 1 nohead dashtype 2 lc rgb "#555555"
plot datafile using 2:xtic(1) title "native usrsctp" lc rgb "#7f7f7f", \
     '' using 3 title "sctpshim" lc rgb "#1f77b4"
