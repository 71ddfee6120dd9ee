import Domain
import Foundation
import Persistence
import Vapor

/// 点名 pages: the list with the leader's form on top, a roll call's page, the export.
struct RollCallWebController {
    struct Form: Content {
        var station: String?; var day: String?; var slot: String?; var attendance: [String: String]?; var note: String?
        var input: RollCallInput {
            var attendance: [Int64: String] = [:]
            for (k, v) in self.attendance ?? [:] { if let id = Int64(k) { attendance[id] = v } }
            return RollCallInput(day: day ?? "", slot: slot ?? "", attendance: attendance, note: note ?? "")
        }
    }

    static func filter(_ req: Request) throws -> RollCallFilter {
        let q = try req.listQuery(default: ListShow.all)
        return RollCallFilter(unitID: q.unitID, period: q.period)
    }

    /// The slot a leader most likely calls now: morning before 11:00, noon before 16:00, then evening.
    static func slot(at now: Date) -> RollCallSlot {
        let hour = Calendar.shanghai.component(.hour, from: now)
        return hour < 11 ? .morning : hour < 16 ? .noon : .evening
    }

    func list(_ req: Request) async throws -> HTMLPage { try await listPage(req, errors: []) }

    private func listPage(_ req: Request, errors: [FieldError], station: Int64? = nil, status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        var form: HTML = ""
        if caller.role.keepsRoster, let s = try? await req.store.dutyStation(id: station, caller) {
            let now = req.application.settings.now()
            form = RollCallPages.form(req.pageContext, station: s, staff: try await req.store.staff(of: s), today: ChinaTime.day(now), slot: Self.slot(at: now))
        }
        return RollCallPages.list(req.pageContext, try await req.store.rollCalls(try Self.filter(req), caller), form: form, query: req.url.query ?? "",
                                  errors: errors, status: status)
    }

    func create(_ req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let station = form.station.flatMap { Int64($0) }
        do {
            let r = try await req.store.recordRollCall(stationID: station, form.input, try req.caller())
            return req.redirect(to: Site.rollCall(r.id).path)
        } catch let v as ValidationFailure {
            return try await listPage(req, errors: v.errors, station: station, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    func show(_ req: Request) async throws -> HTMLPage {
        RollCallPages.detail(req.pageContext, try await req.store.rollCall(id: try req.id(), try req.caller()))
    }

    func export(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let t = Texts(req.language)
        return try ExportTable.response([RollCallPages.table(t, try await req.store.rollCalls(try Self.filter(req), caller, limit: 10_000))], for: req, filename: t("rollCall.title"))
    }
}
