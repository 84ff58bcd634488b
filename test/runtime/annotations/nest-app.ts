/**
 * A NestJS 11 app as a user writes it, compiled by plain tsc (no plugin): the same
 * controller five times, with `@ErrorMonitor` above or below Nest's decorators, on the
 * methods or on the class, and once without it, so every response can be compared.
 */
export type Placement = 'none' | 'method-above' | 'method-below' | 'class-above' | 'class-below'

export const PLACEMENTS: Placement[] = ['none', 'method-above', 'method-below', 'class-above', 'class-below']

const ROUTES: Array<[nest: string, method: string]> = [
  ["@Post('orders') @HttpCode(200) @UsePipes(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true }))", 'create(@Body() dto: CreateOrderDto) { return this.orders.create(dto) }'],
  ["@Get('orders/:id') @UseInterceptors(StampInterceptor)", "find(@Param('id', ParseIntPipe) id: number) { return this.orders.find(id) }"],
  ["@Get('admin') @UseGuards(RoleGuard)", 'admin() { return { admin: true } }'],
  ["@Get('boom')", 'async boom() { await Promise.resolve(); return this.orders.explode() }'],
  ["@Get('sync-boom')", 'syncBoom() { return this.orders.explode() }'],
]

function controller(placement: Placement): string {
  const name = `${placement.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase()).replace(/^\w/, (letter) => letter.toUpperCase())}Controller`
  const onMethod = placement.startsWith('method')
  const routes = ROUTES.map(([nest, method]) => {
    if (!onMethod) return `  ${nest}\n  ${method}`
    return placement === 'method-above' ? `  @ErrorMonitor\n  ${nest}\n  ${method}` : `  ${nest}\n  @ErrorMonitor\n  ${method}`
  })
  const decorators = placement === 'class-above' ? `@ErrorMonitor\n@Controller('${placement}')` : placement === 'class-below' ? `@Controller('${placement}')\n@ErrorMonitor` : `@Controller('${placement}')`
  return `${decorators}
export class ${name} {
  constructor(private readonly orders: OrderService) {}
${routes.join('\n')}
}`
}

export function nestApp(): string {
  return `import 'reflect-metadata'
import { Body, CallHandler, CanActivate, Controller, ExecutionContext, Get, HttpCode, Injectable, Module, NestInterceptor, NotFoundException, Param, ParseIntPipe, Post, UseGuards, UseInterceptors, UsePipes, ValidationPipe } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import { Type } from 'class-transformer'
import { IsInt, IsString, Min, MinLength } from 'class-validator'
import { ErrorMonitor } from 'errorweave'
import { tap } from 'rxjs'

@ErrorMonitor
export class CreateOrderDto {
  @IsString() @MinLength(2) item!: string
  @Type(() => Number) @IsInt() @Min(1) quantity!: number
  summary() { return this.quantity + ' x ' + this.item }
}

@Injectable()
export class OrderService {
  create(dto: CreateOrderDto) { return { created: dto.summary(), isDto: dto instanceof CreateOrderDto } }
  find(id: number) {
    if (id === 404) throw new NotFoundException('no order ' + id)
    return { id, type: typeof id }
  }
  explode(): never { throw new TypeError('stock table missing') }
}

@Injectable()
export class RoleGuard implements CanActivate {
  canActivate(context: ExecutionContext) { return context.switchToHttp().getRequest().headers['x-role'] === 'admin' }
}

@Injectable()
export class StampInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    return next.handle().pipe(tap(() => context.switchToHttp().getResponse().setHeader('x-stamp', 'intercepted')))
  }
}

${PLACEMENTS.map(controller).join('\n\n')}

@Module({ controllers: [${PLACEMENTS.map((p) => controller(p).match(/class (\w+)/)![1]).join(', ')}], providers: [OrderService, RoleGuard] })
class AppModule {}

async function main() {
  const app = await NestFactory.create(AppModule, { logger: false })
  await app.listen(0, '127.0.0.1')
  console.log('LISTENING ' + JSON.stringify({ url: await app.getUrl() }))
}
main()
`
}
