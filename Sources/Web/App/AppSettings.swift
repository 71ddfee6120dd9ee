import Domain
import Foundation
import Persistence
import Prometheus

/// Everything `configure` needs from outside; tests build their own.
public struct AppSettings: Sendable {
    public var database: DatabaseSelection
    public var cipher: FieldCipher
    /// Adds `Secure` to cookies; set when served over TLS (directly or behind a proxy).
    public var secureCookies: Bool
    public var bcryptCost: Int
    public var now: @Sendable () -> Date
    public var metrics: PrometheusCollectorRegistry
    /// Seconds between runs of the recurring jobs; 0 = this process runs none (tests, one-shot commands).
    public var schedulerInterval: Double = 0
    /// The SMS / voice gateway for alarms; none configured, the desk sees whom to phone.
    public var alarmGateway: AlarmGatewayConfig?
    /// Where residents reach the server (`https://jingmin.example.gov.cn`): printed survey links and
    /// their QR codes start with it. Unset, they use the address the leader's browser used.
    public var publicURL: String?

    public init(database: DatabaseSelection, cipher: FieldCipher, secureCookies: Bool = false, bcryptCost: Int = 12,
                now: @escaping @Sendable () -> Date = { Date() }, metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.database = database; self.cipher = cipher; self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost; self.now = now; self.metrics = metrics
    }

    /// Settings for the real server, from the environment.
    public static func fromEnvironment(metrics: PrometheusCollectorRegistry) throws -> AppSettings {
        let env = ProcessInfo.processInfo.environment
        var settings = AppSettings(database: .fromEnvironment(env), cipher: FieldCipher(masterKey: try SecretKeyLoader.load(environment: env)),
                                   secureCookies: env["JINGMIN_SECURE_COOKIES"] == "1", metrics: metrics)
        settings.schedulerInterval = env["JINGMIN_SCHEDULER_SECONDS"].flatMap(Double.init) ?? 60
        if let url = env["JINGMIN_PUBLIC_URL"], !url.isEmpty { settings.publicURL = url }
        if let url = env["JINGMIN_ALARM_GATEWAY_URL"], !url.isEmpty {
            settings.alarmGateway = AlarmGatewayConfig(url: url, secret: env["JINGMIN_ALARM_GATEWAY_SECRET"] ?? "")
        }
        // The test suite runs its servers on a clock shifted to one reference day, so a commit
        // gives the same verdict whatever the date (the demo's year of history is laid back from
        // "now"). Every process of a run gets the same offset, so their clocks agree.
        if let offset = env["JINGMIN_CLOCK_OFFSET"].flatMap(Double.init) {
            settings.now = { Date().addingTimeInterval(offset) }
        }
        return settings
    }
}
