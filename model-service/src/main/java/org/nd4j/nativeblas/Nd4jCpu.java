package org.nd4j.nativeblas;

/**
 * Makes DL4J 1.0.0-M2.1's oneDNN layer helpers usable. DL4J decides whether they may run
 * ({@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper#mklDnnEnabled}) by loading
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment} and calling {@code getInstance().isUseMKLDNN()} reflectively, but
 * ND4J M2.1 ships that class as {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment}, whose method is
 * {@code isUseONEDNN()}. The lookup fails, and every oneDNN helper (convolution, pooling, batch normalisation) is
 * dropped as unsupported. This class answers under the expected name, delegating to the real one.
 * <p>
 * It answers {@code true} only when the loaded native library was built with oneDNN, so the plain ND4J build keeps
 * DL4J's own code paths.
 */
public final class Nd4jCpu {

	private Nd4jCpu() {
	}

	/** The name and method DL4J looks for. */
	public static final class Environment {

		private static final Environment INSTANCE = new Environment();

		private static volatile Boolean builtWithOneDnn;

		private Environment() {
		}

		public static Environment getInstance() {
			return INSTANCE;
		}

		/** Whether ND4J's native library has oneDNN and uses it (DL4J's name for it). */
		public boolean isUseMKLDNN() {
			return builtWithOneDnn() && org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance()
				.isUseONEDNN();
		}

		/** The same under its current name. */
		public boolean isUseONEDNN() {
			return isUseMKLDNN();
		}

		/** The native library's build information names {@code HAVE_ONEDNN} when oneDNN is compiled in. */
		public static boolean builtWithOneDnn() {
			Boolean built = builtWithOneDnn;
			if (built == null) {
				String info = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
				built = info != null && info.contains("HAVE_ONEDNN");
				builtWithOneDnn = built;
			}
			return built;
		}

	}

}
