package com.example.classifier.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU used by a group of local processes, read from {@code /proc/<pid>/stat} (user + system time). Unlike a service's
 * own {@code process_cpu_usage}, this needs no answer from the service: a starved api that cannot serve its
 * Prometheus endpoint in time still shows how much CPU it took.
 */
public final class ProcessCpu {

	/** Linux reports process times in clock ticks of 1/100 s on every mainstream kernel configuration. */
	static final double TICKS_PER_SECOND = 100;

	private final List<Long> pids;

	private final int cores;

	private final Map<Long, Long> lastTicks = new HashMap<>();

	private long lastNanos;

	public ProcessCpu(List<Long> pids, int cores) {
		this.pids = List.copyOf(pids);
		this.cores = cores;
	}

	public boolean isEmpty() {
		return this.pids.isEmpty();
	}

	/**
	 * The share of the whole machine (0..1) these processes used since the last call; NaN on the first call or when
	 * none of them can be read.
	 */
	public double sample() {
		long now = System.nanoTime();
		long used = 0;
		boolean any = false;
		for (long pid : this.pids) {
			long ticks = ticks(Path.of("/proc", Long.toString(pid), "stat"));
			if (ticks < 0) {
				continue;
			}
			Long before = this.lastTicks.put(pid, ticks);
			if (before != null) {
				used += ticks - before;
				any = true;
			}
		}
		double seconds = (now - this.lastNanos) / 1e9;
		boolean first = this.lastNanos == 0;
		this.lastNanos = now;
		if (first || !any || seconds <= 0) {
			return Double.NaN;
		}
		return used / TICKS_PER_SECOND / seconds / this.cores;
	}

	/** utime + stime of one process, or -1 when it is gone. */
	static long ticks(Path stat) {
		try {
			return parseTicks(Files.readString(stat));
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/** Fields 14 and 15 of the stat line, counted after the command name, which may itself hold spaces. */
	static long parseTicks(String statLine) {
		String[] fields = statLine.substring(statLine.lastIndexOf(')') + 2).split(" ");
		// fields[0] is field 3 (state): utime is field 14, stime field 15.
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

}
