package com.example.classifier.modelservice.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import org.bytedeco.javacpp.Loader;
import org.deeplearning4j.config.DL4JClassLoading;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.Nd4jCpu;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * Sets up ND4J's native side for the DL4J engine, once per process and before anything loads it: which native build
 * (JavaCPP platform extension) to load, DL4J's oneDNN layer helpers on, threads, and a bound on off-heap memory.
 * <p>
 * Why: DL4J 1.0.0-M2.1 as shipped runs convolutions through its own im2col + GEMM code (about 2 % of the CPU's FP32
 * peak on ResNet50, several GB of RSS at batch 16), because the oneDNN helpers are off by default
 * ({@code org.eclipse.deeplearning4j.helpers.disable=true}) and, even when allowed, dropped by a class-name mismatch
 * (see {@link Nd4jCpu}). The {@code -onednn} builds plus both fixes run them through oneDNN.
 * <p>
 * Every setting that the user gave as a JVM system property ({@code -Dorg.bytedeco.javacpp.platform.extension=...},
 * {@code -Dorg.eclipse.deeplearning4j.helpers.disable=...}, JavaCPP memory limits) is left alone.
 */
final class Dl4jRuntime {

	private static final Logger log = LoggerFactory.getLogger(Dl4jRuntime.class);

	static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";

	static final String HELPERS_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

	private static final String MAX_BYTES_PROPERTY = "org.bytedeco.javacpp.maxBytes";

	private static final String MAX_PHYSICAL_BYTES_PROPERTY = "org.bytedeco.javacpp.maxPhysicalBytes";

	/** Extensions that mean "no oneDNN": anything JavaCPP will not find falls back to the plain build. */
	private static final String PLAIN_EXTENSION = "-plain";

	private static final List<String> AVX512_FLAGS = List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

	private static final List<String> AVX2_FLAGS = List.of("avx2", "fma", "bmi2");

	private static @Nullable State state;

	/** What was loaded. */
	record State(Dl4jNatives natives, String extension, boolean oneDnn, boolean helpers, int threads) {
	}

	private Dl4jRuntime() {
	}

	/**
	 * Chooses and loads ND4J's native library, unless this process already did. Later calls only adjust threads:
	 * the native build cannot change in a running JVM.
	 */
	static synchronized State configure(Dl4jNatives requested, int threads, @Nullable DataSize nativeMemoryLimit) {
		if (state != null) {
			if (requested != Dl4jNatives.AUTO && requested != state.natives()) {
				log.warn("model.dl4j-natives={} ignored: this process already loaded ND4J's {} build, and a JVM can load"
						+ " only one", name(requested), name(state.natives()));
			}
			setThreads(threads);
			state = new State(state.natives(), state.extension(), state.oneDnn(), state.helpers(), threads);
			return state;
		}
		Dl4jNatives natives;
		String extension = System.getProperty(EXTENSION_PROPERTY);
		if (extension != null) {
			natives = Arrays.stream(Dl4jNatives.values())
				.filter((candidate) -> extension.equals(candidate.extension()))
				.findFirst()
				.orElse(Dl4jNatives.PLAIN);
			log.info("{} is set to '{}' on the command line; model.dl4j-natives={} is not applied", EXTENSION_PROPERTY,
					extension, name(requested));
		}
		else {
			natives = choose(requested, cpuFlags(), Dl4jRuntime::shipped);
			System.setProperty(EXTENSION_PROPERTY, natives.oneDnn() ? natives.extension() : PLAIN_EXTENSION);
		}
		if (System.getProperty(HELPERS_DISABLE_PROPERTY) == null) {
			System.setProperty(HELPERS_DISABLE_PROPERTY, Boolean.toString(!natives.oneDnn()));
		}
		if (nativeMemoryLimit != null && System.getProperty(MAX_BYTES_PROPERTY) == null) {
			// maxBytes: what ND4J may allocate off-heap; maxPhysicalBytes: the whole process (heap + native + code).
			System.setProperty(MAX_BYTES_PROPERTY, Long.toString(nativeMemoryLimit.toBytes()));
			System.setProperty(MAX_PHYSICAL_BYTES_PROPERTY,
					Long.toString(nativeMemoryLimit.toBytes() + Runtime.getRuntime().maxMemory() + (512L << 20)));
		}
		// Loads the native library with the settings above.
		Nd4j.getBackend();
		String loadedFrom = loadedLibrary();
		if (loadedFrom != null && !loadedFrom.contains("/" + platform() + natives.extension() + "/")) {
			log.warn("ND4J's native library was loaded before the engine was configured (from {}); "
					+ "model.dl4j-natives={} takes effect at the next start", loadedFrom, name(natives));
		}
		ensureDl4jFindsTheEnvironmentBridge();
		setThreads(threads);
		boolean oneDnn = Nd4jCpu.Environment.builtWithOneDnn();
		boolean helpers = BaseMKLDNNHelper.mklDnnEnabled()
				&& !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE_PROPERTY));
		state = new State(natives, System.getProperty(EXTENSION_PROPERTY), oneDnn, helpers, threads);
		if (natives.oneDnn() && !helpers) {
			log.warn("DL4J runs without oneDNN (native build with oneDNN: {}, helpers allowed: {}): expect it to be "
					+ "several times slower. Is nd4j-native:{}{} on the class path?", oneDnn,
					System.getProperty(HELPERS_DISABLE_PROPERTY), platform(), natives.extension());
		}
		log.info("ND4J native build {} (oneDNN {}, DL4J oneDNN helpers {}), {} OpenMP thread(s) per call{}",
				platform() + (natives.oneDnn() ? natives.extension() : ""), oneDnn ? "compiled in" : "absent",
				helpers ? "on" : "off", threads,
				(nativeMemoryLimit != null) ? ", off-heap limit " + nativeMemoryLimit.toMegabytes() + " MB" : "");
		return state;
	}

	/** The state after {@link #configure}, or {@code null} before. */
	static synchronized @Nullable State state() {
		return state;
	}

	/**
	 * OpenMP keeps its thread count per calling thread, so each thread that runs a network sets it for itself (a
	 * cheap call). oneDNN's convolutions use the OpenMP count of the thread that calls them.
	 */
	static void useThreadsInThisThread(int threads) {
		NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
	}

	private static void setThreads(int threads) {
		Nd4j.getEnvironment().setMaxMasterThreads(threads);
		Nd4j.getEnvironment().setMaxThreads(threads);
		useThreadsInThisThread(threads);
	}

	/** Where ND4J's JNI library was loaded from (names the build), if JavaCPP says. */
	static @Nullable String loadedLibrary() {
		return Loader.getLoadedLibraries()
			.values()
			.stream()
			.filter((path) -> path != null && path.contains("jnind4jcpu"))
			.findFirst()
			.orElse(null);
	}

	/** DL4J loads the bridge by name through its own class loader, which must see this application's classes. */
	private static void ensureDl4jFindsTheEnvironmentBridge() {
		String name = Nd4jCpu.Environment.class.getName();
		if (DL4JClassLoading.loadClassByName(name) == null) {
			log.info("DL4J's class loader does not see {}; pointing it at the application's class loader", name);
			DL4JClassLoading.setDl4jClassloaderFromClass(Nd4jCpu.class);
		}
	}

	/**
	 * The build to load: the requested one, or for {@link Dl4jNatives#AUTO} the most specific oneDNN build that is
	 * shipped and that this CPU can run (an AVX-512 build on a CPU without AVX-512 would die on an illegal
	 * instruction).
	 */
	static Dl4jNatives choose(Dl4jNatives requested, Set<String> cpuFlags, Predicate<Dl4jNatives> shipped) {
		if (requested != Dl4jNatives.AUTO) {
			if (!shipped.test(requested)) {
				log.warn("model.dl4j-natives={} is not on the class path (nd4j-native:{}{}); ND4J will fall back to "
						+ "its plain build", name(requested), platform(), requested.extension());
			}
			return requested;
		}
		if (cpuFlags.containsAll(AVX512_FLAGS) && shipped.test(Dl4jNatives.ONEDNN_AVX512)) {
			return Dl4jNatives.ONEDNN_AVX512;
		}
		if (cpuFlags.containsAll(AVX2_FLAGS) && shipped.test(Dl4jNatives.ONEDNN_AVX2)) {
			return Dl4jNatives.ONEDNN_AVX2;
		}
		if (shipped.test(Dl4jNatives.ONEDNN)) {
			return Dl4jNatives.ONEDNN;
		}
		log.warn("No oneDNN build of ND4J is on the class path; DL4J will be slow");
		return Dl4jNatives.PLAIN;
	}

	/** Whether the jar with that native build is on the class path. */
	static boolean shipped(Dl4jNatives natives) {
		String resource = "org/nd4j/linalg/cpu/nativecpu/bindings/" + platform() + natives.extension()
				+ "/libjnind4jcpu.so";
		ClassLoader loader = Dl4jRuntime.class.getClassLoader();
		return loader.getResource(resource) != null;
	}

	/** The CPU feature flags the kernel reports (empty where there is no /proc/cpuinfo). */
	static Set<String> cpuFlags() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("flags"))
				.findFirst()
				.map((line) -> Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+")))
				.orElse(Set.of());
		}
		catch (IOException | RuntimeException ex) {
			return Set.of();
		}
	}

	/** JavaCPP's platform name; computed here because asking JavaCPP would read its properties too early. */
	static String platform() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
		String osName = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macosx" : "linux";
		String archName = switch (arch) {
			case "amd64", "x86_64", "x86-64" -> "x86_64";
			case "aarch64", "arm64" -> "arm64";
			default -> arch;
		};
		return osName + "-" + archName;
	}

	static String name(Dl4jNatives natives) {
		return natives.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
