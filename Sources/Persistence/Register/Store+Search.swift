import Domain
import Foundation
import SQLKit

extension Store {
    /// 查询: by name or address fragment, or by a full ID number / phone through its blind index
    /// (the ciphertext cannot be searched, and never needs to be).
    public func search(_ text: String, _ caller: Caller, limit: Int = 50) async throws -> [ResidentView] {
        let q = text.trimmed
        guard !q.isEmpty else { return [] }
        let like = "%" + q.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
        let id = IDNumber.normalize(q), phone = PhoneNumber.normalize(q)
        let match: SQLQueryString = "(r.name LIKE \(bind: like) OR h.address LIKE \(bind: like) OR r.id_number_hash = \(bind: cipher.blindIndex(id)) OR r.phone_hash = \(bind: cipher.blindIndex(phone)))"
        return try await views(residentQuery(caller).where(match).orderBy(SQLColumn("name", table: "r")).limit(limit), caller)
    }

    public func counts(_ caller: Caller) async throws -> RegisterCounts {
        func count(_ table: String, household: String) async throws -> Int {
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
                .where(caller.jurisdiction.predicate(pathColumn: "unit_path", householdColumn: household))
                .first()!.decode(column: "n", as: Int.self)
        }
        return RegisterCounts(households: try await count("households", household: "id"),
                              residents: try await count("residents", household: "household_id"),
                              places: caller.role.usesPortal ? 0 : try await count("places", household: "id"))
    }
}
