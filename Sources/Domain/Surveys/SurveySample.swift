/// Who a round asks: every household of its units, or N households per community drawn at
/// random with a recorded seed — the same seed over the same register draws the same sample,
/// so anyone can redraw it and check it.
public enum SampleMode: String, Sendable, Codable, CaseIterable {
    case all       // 全部住户
    case random    // 每个社区随机抽取 N 户
}

public enum SurveySample {
    /// The households drawn in each community. Households are put in id order first, so the
    /// draw depends on the register only, not on the order a query returned them.
    public static func draw(_ byCommunity: [String: [Int64]], mode: SampleMode, perCommunity: Int, seed: UInt64) -> [String: [Int64]] {
        var out: [String: [Int64]] = [:]
        for (community, households) in byCommunity {
            let sorted = households.sorted()
            guard mode == .random, perCommunity < sorted.count else { out[community] = sorted; continue }
            // Each community gets its own stream, so adding a community changes no other's draw.
            var rng = SplitMix64(seed: seed ^ fnv1a(community))
            var pool = sorted
            // A partial Fisher–Yates shuffle: the first N places are a uniform draw.
            for i in 0..<perCommunity {
                let j = i + Int(rng.next() % UInt64(pool.count - i))
                pool.swapAt(i, j)
            }
            out[community] = pool.prefix(perCommunity).sorted()
        }
        return out
    }

    /// A stable 64-bit hash of a community's path (Swift's own `hashValue` changes per run).
    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}

/// Steele, Lea & Flood's SplitMix64: small, fast, and the same sequence on every platform — so a
/// sample can be redrawn anywhere, and the demo register is the same on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// 配额: at most this many completed answers per community. Checked answer by answer; an
/// answer past the quota is refused, never stored.
public struct QuotaLedger: Sendable, Equatable {
    public let quota: Int?
    public private(set) var done: [String: Int]
    public init(quota: Int?, done: [String: Int] = [:]) { self.quota = quota; self.done = done }

    /// Takes a place for one more answer in `community`, or says there is none left.
    public mutating func take(_ community: String) -> Bool {
        let n = done[community, default: 0]
        if let quota, n >= quota { return false }
        done[community] = n + 1
        return true
    }
}
