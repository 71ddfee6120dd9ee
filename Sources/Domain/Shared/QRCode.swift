/// A QR code (ISO/IEC 18004) for a short text such as a survey link, so it can be printed and
/// scanned with a phone: byte mode, error correction level M (15 % of the code may be damaged),
/// versions 1–10 (up to 213 bytes). Following Project Nayuki's reference implementation.
public struct QRCode: Sendable, Equatable {
    public let version: Int
    public let mask: Int
    /// `modules[row][column]`, true for dark.
    public let modules: [[Bool]]
    public var size: Int { modules.count }

    /// Per version (index 1–10) at level M: error-correction codewords per block, blocks, and all codewords.
    static let eccPerBlock = [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26]
    static let blocks = [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5]
    static let totalCodewords = [0, 26, 44, 70, 100, 134, 172, 196, 242, 292, 346]
    static let alignment: [[Int]] = [[], [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]]

    static func dataCodewords(_ v: Int) -> Int { totalCodewords[v] - eccPerBlock[v] * blocks[v] }

    /// The smallest version that holds `text`; nil when it is too long for version 10.
    /// `mask` fixes the mask pattern (tests); otherwise the one with the lowest penalty is used.
    public init?(_ text: String, mask fixedMask: Int? = nil) {
        let bytes = Array(text.utf8)
        guard let version = (1...10).first(where: { 4 + ($0 < 10 ? 8 : 16) + bytes.count * 8 <= Self.dataCodewords($0) * 8 }) else { return nil }
        // The bit stream: byte mode, the count, the bytes, a terminator, then pad bytes.
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) { for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) } }
        append(0b0100, 4)
        append(bytes.count, version < 10 ? 8 : 16)
        for b in bytes { append(Int(b), 8) }
        let capacity = Self.dataCodewords(version) * 8
        append(0, min(4, capacity - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var pad = 0xEC
        while bits.count < capacity { append(pad, 8); pad ^= 0xEC ^ 0x11 }
        let data = stride(from: 0, to: bits.count, by: 8).map { i in bits[i..<i + 8].reduce(0) { $0 << 1 | ($1 ? 1 : 0) } }

        var grid = Grid(version: version)
        grid.drawFunctionPatterns()
        grid.drawCodewords(Self.interleaved(data, version: version))
        var best = grid, bestMask = 0, bestPenalty = Int.max
        for m in fixedMask.map({ [$0] }) ?? Array(0..<8) {
            var candidate = grid
            candidate.applyMask(m)
            candidate.drawFormatBits(mask: m)
            let penalty = fixedMask == nil ? candidate.penalty() : 0
            if penalty < bestPenalty { best = candidate; bestMask = m; bestPenalty = penalty }
        }
        self.version = version; self.mask = bestMask; self.modules = best.modules
    }

    /// Data split into blocks, each given its Reed–Solomon codewords, then read across the blocks.
    static func interleaved(_ data: [Int], version: Int) -> [Int] {
        let n = blocks[version], ecc = eccPerBlock[version], total = totalCodewords[version]
        let shortLength = total / n - ecc, shortBlocks = n - total % n
        var blocksData: [[Int]] = [], at = 0
        for i in 0..<n {
            let length = shortLength + (i < shortBlocks ? 0 : 1)
            blocksData.append(Array(data[at..<at + length])); at += length
        }
        let divisor = ReedSolomon.divisor(degree: ecc)
        let eccBlocks = blocksData.map { ReedSolomon.remainder($0, divisor) }
        var out: [Int] = []
        for i in 0...shortLength { for b in blocksData where i < b.count { out.append(b[i]) } }
        for i in 0..<ecc { for e in eccBlocks { out.append(e[i]) } }
        return out
    }

    /// The code as SVG: dark modules as one path, a four-module quiet zone, scaled by the page.
    public var svg: String {
        var path = ""
        for (y, row) in modules.enumerated() { for (x, dark) in row.enumerated() where dark { path += "M\(x + 4),\(y + 4)h1v1h-1z" } }
        let side = size + 8
        return "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" aria-hidden=\"true\" shape-rendering=\"crispEdges\">"
            + "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/><path d=\"\(path)\" fill=\"#000\"/></svg>"
    }
}

/// The module grid while it is drawn: which modules are function patterns (never masked).
struct Grid {
    let version: Int
    let size: Int
    var modules: [[Bool]]
    var isFunction: [[Bool]]

    init(version: Int) {
        self.version = version
        size = version * 4 + 17
        modules = Array(repeating: Array(repeating: false, count: size), count: size)
        isFunction = modules
    }

    mutating func set(_ x: Int, _ y: Int, _ dark: Bool) { modules[y][x] = dark; isFunction[y][x] = true }

    mutating func drawFunctionPatterns() {
        for i in 0..<size { set(6, i, i % 2 == 0); set(i, 6, i % 2 == 0) }   // timing
        for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] {                // finders with their separators
            for dy in -4...4 { for dx in -4...4 where (0..<size).contains(cx + dx) && (0..<size).contains(cy + dy) {
                let d = max(abs(dx), abs(dy))
                set(cx + dx, cy + dy, d != 2 && d != 4)
            } }
        }
        let positions = QRCode.alignment[version], last = positions.count - 1
        for (i, ay) in positions.enumerated() { for (j, ax) in positions.enumerated() where !((i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0)) {
            for dy in -2...2 { for dx in -2...2 { set(ax + dx, ay + dy, max(abs(dx), abs(dy)) != 1) } }
        } }
        drawFormatBits(mask: 0)   // reserves the format areas; drawn again with the chosen mask
        if version >= 7 {
            var rem = version
            for _ in 0..<12 { rem = (rem << 1) ^ ((rem >> 11) * 0x1F25) }
            let bits = version << 12 | rem
            for i in 0..<18 {
                let dark = (bits >> i) & 1 == 1, a = size - 11 + i % 3, b = i / 3
                set(a, b, dark); set(b, a, dark)
            }
        }
    }

    /// Level M's two bits (00) and the mask, BCH-protected, in both copies; and the dark module.
    mutating func drawFormatBits(mask: Int) {
        let data = mask
        var rem = data
        for _ in 0..<10 { rem = (rem << 1) ^ ((rem >> 9) * 0x537) }
        let bits = (data << 10 | rem) ^ 0x5412
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
        for i in 0...5 { set(8, i, bit(i)) }
        set(8, 7, bit(6)); set(8, 8, bit(7)); set(7, 8, bit(8))
        for i in 9..<15 { set(14 - i, 8, bit(i)) }
        for i in 0..<8 { set(size - 1 - i, 8, bit(i)) }
        for i in 8..<15 { set(8, size - 15 + i, bit(i)) }
        set(8, size - 8, true)
    }

    /// The codewords' bits in the zigzag order, two columns at a time from the bottom right.
    mutating func drawCodewords(_ data: [Int]) {
        var i = 0, right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vert in 0..<size {
                for j in 0..<2 {
                    let x = right - j, upward = (right + 1) & 2 == 0, y = upward ? size - 1 - vert : vert
                    if !isFunction[y][x] && i < data.count * 8 {
                        modules[y][x] = (data[i >> 3] >> (7 - (i & 7))) & 1 == 1
                        i += 1
                    }
                }
            }
            right -= 2
        }
    }

    mutating func applyMask(_ mask: Int) {
        for y in 0..<size { for x in 0..<size where !isFunction[y][x] {
            let flip = switch mask {
            case 0: (x + y) % 2 == 0
            case 1: y % 2 == 0
            case 2: x % 3 == 0
            case 3: (x + y) % 3 == 0
            case 4: (x / 3 + y / 2) % 2 == 0
            case 5: x * y % 2 + x * y % 3 == 0
            case 6: (x * y % 2 + x * y % 3) % 2 == 0
            default: ((x + y) % 2 + x * y % 3) % 2 == 0
            }
            if flip { modules[y][x].toggle() }
        } }
    }

    /// The standard's penalty: runs of five or more, 2×2 blocks, finder-like patterns, imbalance.
    func penalty() -> Int {
        var score = 0
        let lines = modules + (0..<size).map { x in modules.map { $0[x] } }
        let finderLike: [Bool] = [true, false, true, true, true, false, true]
        for line in lines {
            var run = 1
            for i in 1...line.count {
                if i < line.count && line[i] == line[i - 1] { run += 1; continue }
                if run >= 5 { score += 3 + run - 5 }
                run = 1
            }
            // 1:1:3:1:1 with four light modules on one side (outside the code counts as light).
            for i in 0...(line.count - 7) where Array(line[i..<i + 7]) == finderLike {
                let before = (max(0, i - 4)..<i).allSatisfy { !line[$0] }, after = (i + 7..<min(line.count, i + 11)).allSatisfy { !line[$0] }
                if before || after { score += 40 }
            }
        }
        for y in 0..<size - 1 { for x in 0..<size - 1 {
            let c = modules[y][x]
            if modules[y][x + 1] == c && modules[y + 1][x] == c && modules[y + 1][x + 1] == c { score += 3 }
        } }
        let dark = modules.reduce(0) { $0 + $1.filter { $0 }.count }, total = size * size
        score += abs(dark * 20 - total * 10) / total * 10
        return score
    }
}

/// Reed–Solomon over GF(256) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1.
enum ReedSolomon {
    static func multiply(_ x: Int, _ y: Int) -> Int {
        var z = 0
        for i in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= ((y >> i) & 1) * x
        }
        return z
    }

    static func divisor(degree: Int) -> [Int] {
        var result = Array(repeating: 0, count: degree - 1) + [1]
        var root = 1
        for _ in 0..<degree {
            for j in 0..<result.count {
                result[j] = multiply(result[j], root)
                if j + 1 < result.count { result[j] ^= result[j + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    static func remainder(_ data: [Int], _ divisor: [Int]) -> [Int] {
        var result = Array(repeating: 0, count: divisor.count)
        for b in data {
            let factor = b ^ result.removeFirst()
            result.append(0)
            for i in 0..<result.count { result[i] ^= multiply(divisor[i], factor) }
        }
        return result
    }
}
