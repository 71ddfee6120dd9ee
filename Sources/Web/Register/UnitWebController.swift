import Domain
import Persistence
import Vapor

/// The unit page and what can be changed from it: sub-units (administrator), the grid's
/// responsible officer (leaders), and the grid's places (anyone who keeps the register).
struct UnitWebController {
    func page(_ req: Request) async throws -> HTMLPage {
        try await render(req, unitID: try req.id(), errors: [])
    }

    func render(_ req: Request, unitID: Int64, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller()
        let unit = try await req.store.unit(id: unitID, caller)
        // A grid has no sub-units: only other levels need the tree.
        let children = unit.kind == .grid ? [] : try await req.store.units(caller).filter { $0.parentID == unit.id }
        var model = UnitPage.Model(unit: unit, children: children)
        if unit.kind == .grid {
            model.households = try await req.store.households(gridID: unit.id, caller)
            model.places = try await req.store.places(gridID: unit.id, caller)
            if caller.role.seesWorkRecords { model.ungrouped = try await req.store.alarmCoverage(unitID: unit.id, caller).first.map { $0.households - $0.grouped } }
            model.officer = try await unit.responsibleOfficerID.asyncMap { try await req.store.accountName(id: $0) } ?? nil
            if caller.role.mayDirectWork {
                model.officerChoices = try await req.store.accounts(caller).filter { $0.role.mayAnswerForGrid && $0.worksAt(unit.path) }
            }
        }
        var page = UnitPage.render(req.pageContext, model, errors: errors)
        page.status = status
        return page
    }

    struct ChildForm: Content { var code: String?; var name: String?; var kind: String? }

    func addChild(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        let parent = try await req.store.unit(id: try req.id(), caller)
        let form = try req.content.decode(ChildForm.self)
        do {
            guard let kind = UnitKind(rawValue: form.kind ?? "") else { throw ValidationFailure(field: "kind", .invalidChoice) }
            let child = try await req.store.createUnit(code: form.code ?? "", name: form.name ?? "", kind: kind, parentCode: parent.code, caller)
            return req.redirect(to: Site.unit(child.id).path)
        } catch let v as ValidationFailure {
            return try await render(req, unitID: parent.id, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    struct OfficerForm: Content { var officer: String? }

    func setOfficer(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        let gridID = try req.id()
        let form = try req.content.decode(OfficerForm.self)
        do {
            try await req.store.setResponsibleOfficer(gridID: gridID, userID: form.officer.flatMap { Int64($0) }, caller)
            return req.redirect(to: Site.unit(gridID).path)
        } catch let v as ValidationFailure {
            return try await render(req, unitID: gridID, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    struct PlaceForm: Content { var name: String?; var kind: String?; var address: String? }

    func addPlace(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        let gridID = try req.id()
        let form = try req.content.decode(PlaceForm.self)
        do {
            _ = try await req.store.savePlace(id: nil, gridID: gridID, name: form.name ?? "", kind: form.kind ?? "", address: form.address ?? "", caller)
            return req.redirect(to: Site.unit(gridID).path)
        } catch let v as ValidationFailure {
            return try await render(req, unitID: gridID, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }
}
