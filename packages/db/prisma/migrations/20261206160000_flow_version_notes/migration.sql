-- Who published a version and why. Plain columns (ADD COLUMN, not a table rebuild) so the
-- "FlowVersion_published_immutable" trigger stays; no foreign key, see schema.prisma.
-- AlterTable
ALTER TABLE "FlowVersion" ADD COLUMN "note" TEXT;
ALTER TABLE "FlowVersion" ADD COLUMN "publishedById" TEXT;
