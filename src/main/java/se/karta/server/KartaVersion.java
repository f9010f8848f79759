package se.karta.server;

/** The running Karta version, from the jar manifest (falls back to "dev" when run from classes). */
public final class KartaVersion {

	private KartaVersion() {}

	public static String current() {
		String version = KartaVersion.class.getPackage().getImplementationVersion();
		return version != null ? version : "dev";
	}
}
