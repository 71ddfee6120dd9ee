import Crypto
import Foundation

/// The master key comes from `JINGMIN_SECRET_KEY` (base64 of 32 bytes) or from a key file,
/// created with mode 0600 on first run. Losing it makes stored ID numbers unreadable.
public enum SecretKeyLoader {
    public enum Failure: Error, CustomStringConvertible {
        case badEnvironmentKey, badKeyFile(String), cannotCreate(String)
        public var description: String {
            switch self {
            case .badEnvironmentKey: "JINGMIN_SECRET_KEY 必须是 32 字节密钥的 base64 编码 (must be base64 of 32 bytes)"
            case .badKeyFile(let p): "密钥文件格式错误 (key file is malformed): \(p)"
            case .cannotCreate(let p): "无法创建密钥文件 (cannot create key file): \(p)"
            }
        }
    }

    public static func load(environment env: [String: String] = ProcessInfo.processInfo.environment,
                            defaultPath: String = "jingmin.key") throws -> SymmetricKey {
        if let raw = env["JINGMIN_SECRET_KEY"], !raw.isEmpty {
            guard let data = Data(base64Encoded: raw), data.count == 32 else { throw Failure.badEnvironmentKey }
            return SymmetricKey(data: data)
        }
        let path = env["JINGMIN_KEY_FILE"] ?? defaultPath
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                  let data = Data(base64Encoded: text.trimmed), data.count == 32
            else { throw Failure.badKeyFile(path) }
            return SymmetricKey(data: data)
        }
        let key = SymmetricKey(size: .bits256)
        let encoded = key.withUnsafeBytes { Data($0) }.base64EncodedString() + "\n"
        // Created with 0600 from the start, never world-readable even for an instant.
        guard fm.createFile(atPath: path, contents: Data(encoded.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Failure.cannotCreate(path)
        }
        return key
    }
}
